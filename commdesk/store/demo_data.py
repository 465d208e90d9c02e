"""Word lists and weights behind the demo generator (see :mod:`commdesk.store.demo`).

Kept apart so the generator itself stays readable; everything here is static data
plus the two tiny parsers that read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate


def table(text: str) -> dict[str, list[str]]:
    """'key: words…' lines (indented lines continue the previous key) -> {key: words}."""
    out: dict[str, list[str]] = {}
    key = ""
    for line in text.strip("\n").splitlines():
        if not line.startswith(" "):
            key, _, line = line.partition(":")
            out[key] = []
        out[key] += line.split()
    return out


def pairs(spec: str | list[str]) -> dict[str, float]:
    """'ELD:92 GEN:3' -> {'ELD': 92.0, 'GEN': 3.0}: weights written compactly."""
    items = spec.split() if isinstance(spec, str) else spec
    return {k: float(v) for k, v in (item.split(":") for item in items)}


# Surnames run roughly by frequency. The polyphonic and compound ones (曾 单 解 仇 欧阳)
# are there on purpose: pypinyin reads them wrongly, and search must still find them.
# Given names: M/F, and "old" for people born before 1975.
WORDS = table("""
surnames: 王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩
    冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟
    谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶
    黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 单 解 仇 欧阳
M old: 建国 建军 国强 志强 德明 振华 国庆 卫东 永福 长林 玉林 树林 春生 金山 宝山 国华
    建华 明 刚 强 军 伟 勇 斌 平 海 东 林 峰 福生 文华 广田
F old: 秀英 桂英 秀兰 玉兰 桂兰 淑珍 凤英 玉珍 秀珍 淑华 桂芳 丽华 玉梅 秀云 兰英 芳 红
    霞 华 英 琴 萍 梅 敏 静 春花 冬梅 凤琴
M new: 浩然 子轩 宇航 俊杰 鹏 磊 涛 浩 杰 宇 超 昊 博文 文博 志远 晨阳 家豪 天佑 明轩
    一鸣 思远 嘉诚 泽宇 亮 帅 凯 鑫 旭东 海洋
F new: 欣怡 雨涵 梓萱 诗涵 思琪 晓雯 佳怡 婷 颖 雪 琳 丹 倩 璐 悦 丽娜 静怡 晓燕 慧敏
    梦瑶 雅琪 若曦 文静 海燕 艳 娟
urban: 和平里 幸福 光明 团结湖 朝阳 建设 向阳 锦绣 新华 安华里 花园 春晖 东湖
village: 王家庄 李家屯 杨柳 东营 前进 红星 大槐树 小河 石桥 北沟 后屯 张家湾
streets: 和平 朝外 建设路 东风 新华 向阳 光华 团结 安贞
towns: 金盏 高庄 东坝 南河 青龙 石门 崔各庄 黑庄户
roads: 和平路 建设路 光华路 朝阳北路 幸福大街 团结路 新华街 安华路
mobile: 130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166
    173 176 177 178 180 181 182 183 185 186 187 188 189 191 199
skills: 医疗护理 理发 家电维修 法律咨询 心理疏导 文艺演出 书法 摄影 驾驶 计算机 手语 烹饪
teams: 党员先锋:cpc 巾帼:women 银龄:elder 青年:young 平安巡逻:any 邻里守望:any
    文明实践:any 助老助残:any
renovations: 计划增设适老化扶手和无障碍坡道 拟扩大居民活动区域 计划加装电梯
""")
SURNAME_CUM = list(accumulate(1.0 / (rank + 8) for rank in range(len(WORDS["surnames"]))))

# Facility type: urban name, village name, floor area m² (min max), activity share (min max)
FACILITIES = table("""
F02: 养老服务驿站 幸福院 150 600 0.6 0.9
F03: 普惠托育点 托育点 80 300 0.5 0.8
F04: 卫生服务站 卫生室 60 240 0.2 0.4
F05: 文化活动室 文化活动室 50 300 0.7 1.0
F06: 图书室 农家书屋 30 120 0.6 0.9
F07: 健身广场 体育健身广场 200 2000 0.9 1.0
F08: 便民服务站 便民服务点 30 120 0.3 0.6
F09: 警务室 警务室 20 60 0.0 0.3
F10: 应急避难场所 应急避难场所 500 5000 0.8 1.0
F11: 残疾人康复站 残疾人康复站 60 200 0.5 0.8
F99: 老年食堂 红白理事堂 60 300 0.5 0.9
""")

# Category: weight, target groups | providers | descriptions. A description starts with
# its channel (S 窗口, H 上门, O 线上, P 代办) and its size (0 one person, 1 a small
# group, 2 an activity); only one-person services name a recipient.
SERVICES = table("""
WM01: 16 ELD:92 DIS:5 GEN:3 | STAFF:50 VOL:18 TEAM:12 SORG:14 PUB:6 |
    H0上门探访独居老人，了解生活需求 H0为高龄老人上门测量血压、血糖 S2组织老年人健康知识讲座
    S1日间照料中心助餐服务 P0代办高龄津贴申领 O0电话关爱回访空巢老人
WM02: 3 INF:90 GEN:10 | STAFF:40 SORG:30 PUB:30 |
    S1开展婴幼儿照护指导 H0入户开展科学育儿指导 S2组织亲子早教活动
WM03: 5 DIS:92 GEN:4 ELD:4 | STAFF:55 VOL:20 TEAM:10 SORG:15 |
    H0入户走访重度残疾人家庭 P0代办残疾人证年审 S0协助申请辅助器具适配 S1残疾人康复训练指导
WM04: 4 MIN:90 GEN:10 | STAFF:45 VOL:25 TEAM:15 SORG:15 |
    S1留守儿童课业辅导 S2开展防溺水安全教育 S2组织暑期儿童托管活动 H0走访困境儿童家庭
WM05: 6 DIF:85 ELD:8 DIS:7 | STAFF:70 VOL:15 SORG:15 |
    H0走访慰问低保家庭 P0协助申请临时救助 S1发放节日慰问物资 S0低保年度复核材料收集
WM06: 4 GEN:85 DIS:8 DIF:7 | STAFF:70 PUB:20 MKT:10 |
    S0登记求职意向并推荐岗位 S2开展就业技能培训 O2线上发布就业岗位信息 S0协助办理失业登记
WM07: 6 GEN:45 ELD:45 MIN:5 DIS:5 | PUB:50 STAFF:30 SORG:10 VOL:10 |
    S2组织义诊活动 S1家庭医生签约服务 S2开展慢性病防治讲座 O0协助预约健康体检
WM08: 7 GEN:70 ELD:15 MIN:15 | STAFF:45 TEAM:25 VOL:15 SORG:15 |
    S2开展书法绘画培训 S2组织广场舞比赛 S1读书分享会 S2举办邻里文化节
WM09: 2 VET:95 GEN:5 | STAFF:85 VOL:15 |
    H0走访慰问退役军人 H0为军属悬挂光荣牌 P0代办退役军人优待证 S1召开退役军人座谈会
WM10: 2 GEN:60 ELD:20 MIN:20 | SORG:50 STAFF:30 PUB:20 |
    S2开展心理健康讲座 S0心理咨询与情绪疏导 H0上门心理疏导
BM01: 14 GEN:58 ELD:30 DIS:6 DIF:4 VET:2 | STAFF:95 VOL:5 |
    P0代办社保卡业务 P0代办居住证申领 S0协助办理医保参保登记 O0指导线上办理养老保险资格认证
    P0代办老年人优待证
BM02: 6 GEN:75 ELD:25 | STAFF:80 VOL:20 |
    P0代缴水电燃气费 S0协助办理有线电视缴费 O0指导手机缴纳物业费
BM03: 6 GEN:60 ELD:35 DIS:5 | MKT:40 VOL:30 TEAM:15 STAFF:15 |
    S2组织家电义务维修 H0上门疏通下水管道 H0联系家政服务上门保洁 S2组织义务理发
BM04: 3 GEN:90 ELD:10 | MKT:80 STAFF:20 |
    S2组织便民集市 S1引入流动修鞋配钥匙服务 O1组织蔬菜团购配送
AM01: 4 GEN:95 ELD:5 | STAFF:70 TEAM:20 PUB:10 |
    S2开展应急疏散演练 S1汛期防汛隐患排查 S2防灾减灾知识宣传
AM02: 4 GEN:90 ELD:5 DIF:5 | STAFF:85 SORG:10 PUB:5 |
    S0调解邻里噪音纠纷 S0调解物业费纠纷 H0上门调解家庭矛盾 S1调解相邻通行纠纷
AM03: 4 GEN:90 ELD:10 | STAFF:50 TEAM:30 PUB:20 |
    H1消防安全入户宣传 S2防范电信诈骗宣传 S1夜间治安巡逻
ZY01: 8 GEN:60 ELD:30 MIN:10 | TEAM:60 VOL:40 |
    S2组织志愿者清理楼道杂物 S2开展“学雷锋”志愿服务 S1文明交通劝导 H0志愿者陪伴独居老人
    S2环境卫生整治
ZY02: 1 GEN:100 | TEAM:50 VOL:20 STAFF:30 | S2新注册志愿者岗前培训 S1志愿服务技能培训
""")
CHANNELS = {"S": "SITE", "H": "HOME", "O": "ONLINE", "P": "PROXY"}


@dataclass(frozen=True)
class Category:
    weight: float
    targets: dict[str, float]
    providers: dict[str, float]
    descriptions: list[str]


def category(words: list[str]) -> Category:
    targets, providers, texts = " ".join(words[1:]).split("|")
    return Category(float(words[0]), pairs(targets), pairs(providers), texts.split())


CATEGORIES = {code: category(words) for code, words in SERVICES.items()}
# Month factors per category: Spring Festival visits and relief, 重阳节 (WM01 Oct),
# school holidays (WM04), 春风行动 (WM06), 八一 (WM09), heating season (BM02), flood
# season (AM01), fire-safety month (AM03 Nov), 学雷锋月 (ZY01 Mar).
SEASON = {
    code: {int(m): f for m, f in pairs(spec).items()}
    for code, spec in table("""
WM01: 1:1.3 2:1.3 10:1.6 12:1.2
WM04: 1:1.4 2:1.4 7:2.5 8:2.5
WM05: 1:2.0 2:1.8 9:1.3 12:1.5
WM06: 2:1.5 3:1.8 7:1.3
WM08: 1:1.4 2:1.6 10:1.3
WM09: 1:1.8 2:1.5 8:2.5
BM02: 1:1.2 11:1.5 12:1.3
AM01: 5:1.8 6:2.2 7:2.5 8:2.0
AM03: 1:1.3 2:1.3 11:1.8 12:1.3
ZY01: 3:2.0 12:1.3
""").items()
}
WEEKEND = pairs("ZY01:2.5 ZY02:2.0 WM08:2.0 WM04:1.5 BM01:0.2 BM02:0.3")  # others 0.6
MONTH = (1.3, 1.25, 1.0, 0.95, 0.95, 1.0, 0.9, 0.9, 1.05, 1.15, 1.05, 1.3)
WEEKDAY = (1.0, 1.0, 1.0, 1.0, 1.0, 0.4, 0.3)
QUIET_DAYS = ((1, 1), (5, 1), (10, 1), (10, 2), (10, 3))
PEOPLE = (  # by service size: people served -> weight
    {1: 85, 2: 10, 3: 5},
    {k: 1.0 / k for k in range(2, 16)},
    {k: 0.94 ** (k - 10) for k in range(10, 61)},
)
HOURS = (pairs("0.5:30 1:35 1.5:15 2:12 3:5 4:3"), pairs("1:20 1.5:20 2:30 3:15 4:10 6:3 8:2"),
          pairs("1.5:15 2:30 2.5:10 3:20 4:15 6:6 8:4"))  # fmt: skip
# Time of day by half hour: office hours mostly, a few evening activities.
HALF_HOURS = [3.0 if 17 <= h < 23 else 2.5 if 28 <= h < 35 else 0.5 if 16 <= h < 42 else 0.0
               for h in range(48)]  # fmt: skip
# Recipient pools: target group -> (pool, ages, size at 20,000 records); others: adults.
POOLS = {"ELD": (0, (60, 95), 400), "MIN": (1, (3, 17), 120), "INF": (2, (0, 2), 60)}
ADULTS = (3, (18, 85), 400)
