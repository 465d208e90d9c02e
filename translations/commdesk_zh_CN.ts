<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Accounts</name>
    <message>
        <location filename="../commdesk/store/accounts.py" line="+91"/>
        <source>nobody signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who} ({role}) may not do this; ask a reviewer.</source>
        <translation>{who}（{role}）无权进行此操作，请找审核人。</translation>
    </message>
    <message>
        <location filename="../commdesk/store/account_admin.py" line="+63"/>
        <source>This database is not a committee&apos;s database.</source>
        <translation>这个数据库不是居委会的数据库。</translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../commdesk/store/accounts.py" line="+67"/>
        <source>There is no account {name}.</source>
        <translation>没有账户 {name}。</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+16"/>
        <location filename="../commdesk/store/accounts.py" line="-48"/>
        <location line="+93"/>
        <source>Give a name and one of the roles.</source>
        <translation>请填写姓名并选择一个角色。</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>The server already has a login {name}.</source>
        <translation>服务器上已有登录名 {name}。</translation>
    </message>
    <message>
        <location filename="../commdesk/store/accounts.py" line="-90"/>
        <location line="+30"/>
        <source>The password must have at least {n} characters.</source>
        <translation>密码至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>The first account must be an administrator.</source>
        <translation>第一个账号必须是管理员。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is already an account {name}.</source>
        <translation>已有账号 {name}。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{name} is the last administrator; make another one first.</source>
        <translation>{name} 是最后一个管理员，请先设另一个管理员。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} is signed in now; another administrator removes it.</source>
        <translation>{name} 正在登录使用，需由另一位管理员删除。</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Unknown name or wrong password.</source>
        <translation>账号不存在或密码错误。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{user} holds no CommDesk role in {database}.</source>
        <translation>{user} 在 {database} 中没有 CommDesk 角色。</translation>
    </message>
    <message>
        <location filename="../commdesk/store/engine.py" line="+118"/>
        <source>The server refused this change: your role may not make it. Ask a reviewer or the administrator.</source>
        <translation>服务器拒绝了这项修改：您的角色无权进行此操作。请找审核人或管理员。</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/accounts_dialog.py" line="+66"/>
        <source>New password for {name}</source>
        <translation>为 {name} 设新密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add an account</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+81"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="-79"/>
        <location line="+79"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat it</source>
        <translation>再输一遍</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At least {n} characters. A forgotten password cannot be recovered; an administrator sets a new one.</source>
        <translation>至少 {n} 位。忘记的密码无法找回，只能由管理员设新密码。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The first account is an administrator. From then on everyone signs in before CommDesk shows any data, and you are signed in as this account.</source>
        <translation>第一个账户是管理员。此后每个人都要先登录，CommDesk 才显示数据；你现在就以这个账户登录。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password…</source>
        <translation>设新密码…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The clerks of this committee on {server}. Your login may not create logins on the server: give this command to the person who runs the server.</source>
        <translation>{server} 上本居委会的工作人员。你的登录名无权在服务器上建立用户：请把下面的命令交给服务器管理员。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The clerks of this committee on {server} (PostgreSQL logins).</source>
        <translation>{server} 上本居委会的工作人员（PostgreSQL 登录名）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accounts on this PC. Data entry clerks enter and import; reviewers also submit returns and unlock periods; administrators also manage accounts and restore backups. Without any account everyone may do everything.</source>
        <translation>本机的账户。填报员录入和导入；审核人另外还能上报报表、解锁期间；管理员另外还能管理账户、恢复备份。没有账户时，谁都能做所有事。</translation>
    </message>
    <message>
        <location line="+85"/>
        <location line="+10"/>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>New role of {name}:</source>
        <translation>{name} 的新角色：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Remove account</source>
        <translation>删除账户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove the account {name}? It can no longer sign in.</source>
        <translation>删除账户 {name}？删除后不能再登录。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../commdesk/app.py" line="+109"/>
        <source>The {server} cannot be opened:

{reason}</source>
        <translation>无法打开{server}：

{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The data folder {path} cannot be opened:

{reason}</source>
        <translation>无法打开数据文件夹 {path}：

{reason}</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../commdesk/ui/audit_page.py" line="+54"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+107"/>
        <source>Change</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="-106"/>
        <location line="+105"/>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>Record</source>
        <translation>记录号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+91"/>
        <location line="+1"/>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export to Excel…</source>
        <translation>导出为 Excel…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>All ledgers</source>
        <translation>全部台账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All changes</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>{count} entries</source>
        <translation>共 {count} 条</translation>
    </message>
    <message>
        <location line="+31"/>
        <source> · record {id}</source>
        <translation> · 记录 {id}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>audit-log-{day}.xlsx</source>
        <translation>审计日志-{day}.xlsx</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The audit log could not be written to {path}:
{reason}</source>
        <translation>审计日志无法写入 {path}：
{reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} entries written to {path}</source>
        <translation>已将 {count} 条写入 {path}</translation>
    </message>
</context>
<context>
    <name>AuditRules</name>
    <message>
        <location filename="../commdesk/returns/rule_titles.py" line="+17"/>
        <source>Committee members agree with table 5</source>
        <translation>“两委”成员与表5一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Community workers agree with table 5</source>
        <translation>社区工作者与表5一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registered volunteers agree with table 4</source>
        <translation>在册志愿者与表4一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volunteer teams agree with table 4</source>
        <translation>志愿服务队与表4一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volunteers taking part cover every record with volunteers</source>
        <translation>志愿者参与人次不少于志愿者参与次数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Households are filled in</source>
        <translation>户数已填写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resident population is filled in</source>
        <translation>常住人口已填写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Division code has 12 digits</source>
        <translation>区划代码为12位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unusual persons per household</source>
        <translation>户均人口异常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Large change from the last return</source>
        <translation>与上期相比变动较大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unusually long service hours</source>
        <translation>服务时长偏长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unusually many people served</source>
        <translation>服务人次偏多</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No comprehensive service facility</source>
        <translation>无综合服务设施</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Period not yet over</source>
        <translation>报告期尚未结束</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A part column exceeds its whole</source>
        <translation>分项列大于总项列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A part row exceeds its whole</source>
        <translation>分项行大于总项行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Total differs from the sum of its rows</source>
        <translation>合计不等于各行之和</translation>
    </message>
</context>
<context>
    <name>BackendChoice</name>
    <message>
        <location filename="../commdesk/ui/backend_choice.py" line="+52"/>
        <source>In use now: {where}, given on the command line (--database).</source>
        <translation>当前使用：{where}，由命令行指定（--database）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In use now: {where}, given by the environment variable COMMDESK_DATABASE_URL.</source>
        <translation>当前使用：{where}，由环境变量 COMMDESK_DATABASE_URL 指定。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In use now: {where}, saved here.</source>
        <translation>当前使用：{where}，为此处保存的选择。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In use now: this computer (the data folder&apos;s file).</source>
        <translation>当前使用：本机（数据文件夹中的数据库文件）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Encrypt when the server offers it</source>
        <translation>服务器支持时加密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Always encrypt</source>
        <translation>始终加密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypt and check the server certificate</source>
        <translation>加密并核验服务器证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do not encrypt</source>
        <translation>不加密</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>This computer (the data folder)</source>
        <translation>本机（数据文件夹）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The office&apos;s server</source>
        <translation>单位服务器</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. 10.0.0.5 or server.local</source>
        <translation>例如 10.0.0.5 或 server.local</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. cd_110105001001</source>
        <translation>例如 cd_110105001001</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>only for the test; never saved</source>
        <translation>仅用于测试连接，不会保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server address or socket folder</source>
        <translation>服务器地址或套接字文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Committee database</source>
        <translation>社区数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encryption (TLS)</source>
        <translation>加密方式（TLS）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Fill in the server address, the committee database and the user name.</source>
        <translation>请填写服务器地址、社区数据库和用户名。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose the office&apos;s server to test it.</source>
        <translation>请先选择“单位服务器”再测试连接。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connecting to {server}…</source>
        <translation>正在连接{server}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connected to {server}.</source>
        <translation>已连接到{server}。</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+36"/>
        <source>Where the data is kept</source>
        <translation>数据存放位置</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>The new place for the data is saved. CommDesk uses it from the next start; until then this window keeps working where it is now.</source>
        <translation>新的数据存放位置已保存，下次启动 CommDesk 时生效；在此之前，当前窗口仍使用原来的位置。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>While CommDesk is started with --database or COMMDESK_DATABASE_URL, that one is used instead.</source>
        <translation>如果启动时使用了 --database 或环境变量 COMMDESK_DATABASE_URL，则以它们指定的为准。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+24"/>
        <location line="+7"/>
        <source>Data location</source>
        <translation>数据存放位置</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Keep the data on this computer (one clerk, one PC), or on the office&apos;s server that several clerks share. You can change this later in Settings.</source>
        <translation>数据可以存放在本机（一人一机），也可以存放在多位工作人员共用的单位服务器上。以后可在“设置”中更改。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Saved. CommDesk closes now; start it again and it opens the data on {server} (the committee&apos;s details are entered there once, by the first clerk).</source>
        <translation>已保存。CommDesk 现在关闭，请重新启动，届时将打开{server}上的数据（社区基本信息只需由第一位工作人员在服务器上填写一次）。</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <location filename="../commdesk/store/backups.py" line="+270"/>
        <source>The second backup folder {folder} is not available; skipped.</source>
        <translation>第二备份文件夹 {folder} 当前不可用，已跳过。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The copy to the second backup folder failed: {reason}</source>
        <translation>复制到第二备份文件夹失败：{reason}</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>The database file is missing.</source>
        <translation>数据库文件不见了。</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/backup_dialogs.py" line="+53"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location line="+68"/>
        <location line="+127"/>
        <source>Backup saved: {name}</source>
        <translation>已备份：{name}</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>Backups and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A verified backup is made every time CommDesk closes, and once a day while it runs. Kept: one per day for 7 days, one per week for 4 weeks, one per month for 12 months. Restoring first saves the current data as a backup.</source>
        <translation>每次关闭程序时，以及程序运行期间每天一次，都会自动备份并校验。保留最近 7 天每天一份、最近 4 周每周一份、最近 12 个月每月一份。恢复前会先把当前数据另存为一份备份。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore selected…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore from file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Second folder</source>
        <translation>第二备份文件夹</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../commdesk/ui/shell.py" line="+319"/>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup could not be written; your data is unchanged.

{reason}</source>
        <translation>备份未能写入，您的数据没有任何改动。

{reason}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Restore this backup?</source>
        <translation>恢复这份备份？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace the current data with the backup of {when}?

{path}

The current data is saved as a backup first, so this can be undone by restoring that backup.</source>
        <translation>要用 {when} 的备份替换当前数据吗？

{path}

当前数据会先另存为一份备份，之后恢复那份备份即可撤销本次操作。</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+129"/>
        <source>Choose a backup</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <location line="-127"/>
        <location line="+129"/>
        <source>CommDesk backups (*.sqlite);;All files (*)</source>
        <translation>CommDesk 备份 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Second copy to:</source>
        <translation>另存一份到：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Each backup is also copied to this folder, for example on a USB drive. When the drive is not plugged in, the copy is skipped with a notice.</source>
        <translation>每份备份还会复制到这个文件夹（例如 U 盘）。U 盘未插入时会跳过这一步并给出提示。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Second backup folder</source>
        <translation>第二备份文件夹</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CommDesk found the database damaged and did not open it:
{reason}

The damaged file was kept (nothing was deleted) as:
{path}</source>
        <translation>程序发现数据库已损坏，没有打开它：
{reason}

损坏的文件已保留（没有删除任何内容），另存为：
{path}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database is missing</source>
        <translation>数据库文件缺失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The data folder has backups but no database file:
{path}</source>
        <translation>数据文件夹中有备份，但没有数据库文件：
{path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The newest good backup is from {when} ({records} records). Restore it?</source>
        <translation>最新的完好备份是 {when} 的（共 {records} 条记录）。要恢复它吗？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No good backup was found.</source>
        <translation>没有找到完好的备份。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore this backup</source>
        <translation>恢复这份备份</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a backup file…</source>
        <translation>选择备份文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start with empty ledgers</source>
        <translation>从空白台账开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Start with empty ledgers?</source>
        <translation>从空白台账开始？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CommDesk will start with a new, empty database. The damaged file stays where it is and can still be given to a technician. Continue?</source>
        <translation>程序将使用一个新的空白数据库启动。损坏的文件仍保留在原处，可以交给技术人员处理。是否继续？</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/shell.py" line="-65"/>
        <location line="+13"/>
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backup was not restored; your data is unchanged.

{reason}</source>
        <translation>备份没有恢复，您的数据没有任何改动。

{reason}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Backup restored; the previous data was saved as {name}.</source>
        <translation>备份已恢复；原来的数据已另存为 {name}。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Saving a backup of your data before closing…</source>
        <translation>正在关闭前备份您的数据…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The automatic backup could not be written; your data is unchanged.

{reason}</source>
        <translation>自动备份未能写入，您的数据没有任何改动。

{reason}</translation>
    </message>
</context>
<context>
    <name>BatchEntry</name>
    <message>
        <location filename="../commdesk/ui/batch_entry.py" line="+213"/>
        <source>Batch entry: {ledger}</source>
        <translation>批量录入：{ledger}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Type into a cell to fill it: dates in any spelling, categories and names by pinyin initials (zs for 张三); F4 opens the list or calendar, F2 edits, Esc cancels. Tab moves right, Enter to the next row, Ctrl+D copies the cell above, Ctrl+S saves all rows at once.</source>
        <translation>在单元格中直接输入即可填写：日期可用各种写法，类别和姓名可用拼音首字母（如 zs 即张三）；F4 打开列表或日历，F2 编辑，Esc 取消。Tab 右移，回车到下一行，Ctrl+D 复制上方单元格，Ctrl+S 一次保存所有行。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Rows filled: {count}</source>
        <translation>已填行数：{count}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Row {row}: {reason}</source>
        <translation>第 {row} 行：{reason}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{count} row(s) cannot be saved (marked in red); nothing was saved.</source>
        <translation>有 {count} 行不能保存（已标红），全部未保存。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saved {count} records.</source>
        <translation>已保存 {count} 条记录。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>These volunteer teams are new and will be created: {teams}. Save?</source>
        <translation>以下志愿服务队尚不存在，将新建：{teams}。是否保存？</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Discard the {count} rows typed in this sheet?</source>
        <translation>放弃本表中已填写的 {count} 行吗？</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Batch entry is for the services ledger.</source>
        <translation>批量录入只用于服务台账。</translation>
    </message>
</context>
<context>
    <name>Briefing</name>
    <message>
        <location filename="../commdesk/returns/briefing.py" line="+35"/>
        <source>Annual community service briefing</source>
        <translation>年度社区服务简报</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quarterly community service briefing</source>
        <translation>季度社区服务简报</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Community service briefing</source>
        <translation>社区服务简报</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Main figures</source>
        <translation>主要数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan indicators</source>
        <translation>规划指标</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Made by CommDesk on {date}</source>
        <translation>CommDesk 生成于 {date}</translation>
    </message>
</context>
<context>
    <name>BriefingAction</name>
    <message>
        <location filename="../commdesk/ui/briefing_action.py" line="+20"/>
        <source>briefing</source>
        <translation>简报</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+20"/>
        <source>Save briefing</source>
        <translation>保存简报</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The briefing could not be written: {error}</source>
        <translation>简报无法写入：{error}</translation>
    </message>
</context>
<context>
    <name>Catalogues</name>
    <message>
        <location filename="../commdesk/ui/catalogue_dialog.py" line="+55"/>
        <source>Catalogues</source>
        <translation>目录</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Service group</source>
        <translation>服务大类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add local item</source>
        <translation>添加本地条目</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Code (starts with X)</source>
        <translation>代码（以 X 开头）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label (English, optional)</source>
        <translation>名称（英文，可不填）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Released items come with CommDesk and cannot be changed. Items your county adds get a code starting with X and appear in every form from now on.</source>
        <translation>随程序发布的条目不能修改。本县自行添加的条目代码以 X 开头，添加后在所有表单中都可选用。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Catalogue</source>
        <translation>目录</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Released</source>
        <translation>统一发布</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Local</source>
        <translation>本地</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>A local code starts with X followed by letters or digits, e.g. X001.</source>
        <translation>本地代码以 X 开头，后接字母或数字，例如 X001。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use only letters and digits in the code.</source>
        <translation>代码只能包含字母和数字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The code {code} is already in use.</source>
        <translation>代码 {code} 已被使用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the label the clerks will choose.</source>
        <translation>请输入供选择的名称。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This catalogue already has “{label}”.</source>
        <translation>该目录中已有“{label}”。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The item was not added: {reason}</source>
        <translation>条目未添加：{reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Added {code} {label}.</source>
        <translation>已添加 {code} {label}。</translation>
    </message>
</context>
<context>
    <name>Certificates</name>
    <message>
        <location filename="../commdesk/store/services/certificates.py" line="+58"/>
        <source>“{text}” matches {count} volunteers: {list}; give the ID number</source>
        <translation>“{text}”对应 {count} 名志愿者：{list}；请改用身份证号</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>no volunteer was named</source>
        <translation>未指定志愿者</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>no volunteer “{text}” in the volunteer ledger</source>
        <translation>志愿者台账中没有“{text}”</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no volunteer team “{name}”</source>
        <translation>没有名为“{name}”的志愿服务队</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the range starts {start}, after its end {end}</source>
        <translation>起始日期 {start} 晚于截止日期 {end}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the range ends {end}, after today ({today}): end it by today</source>
        <translation>截止日期 {end} 晚于今天（{today}）：请截止到今天或更早</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no service records are entered yet: nothing to certify</source>
        <translation>尚未录入任何服务记录，无可证明的内容</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>service records are entered only up to {last}, the range reaches {end}: enter the records up to {end}, or end the range by {last}</source>
        <translation>服务记录只录入到 {last}，所选期间截至 {end}：请先录入截至 {end} 的记录，或把截止日期改为 {last} 或更早</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>the committee&apos;s name</source>
        <translation>委员会名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the head (单位负责人)</source>
        <translation>单位负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the handling clerk (填表人 or --clerk)</source>
        <translation>经办人（填表人，或用 --clerk 指定）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the community profile lacks {what}</source>
        <translation>社区基本情况缺少{what}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the division code</source>
        <translation>区划代码</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>not in the volunteer ledger</source>
        <translation>不在志愿者台账中</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>deleted from the volunteer ledger: restore the volunteer first</source>
        <translation>已从志愿者台账删除：请先恢复该志愿者</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>no service records linked from {start} to {end}</source>
        <translation>{start} 至 {end} 没有关联的服务记录</translation>
    </message>
    <message>
        <location line="+69"/>
        <location line="+16"/>
        <source>no certificate {id} in the register</source>
        <translation>证明登记簿中没有第 {id} 号证明</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>certificate {number} was voided: {reason}</source>
        <translation>证明 {number} 已作废：{reason}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>a reason is needed to void</source>
        <translation>作废须填写原因</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>certificate {id} is not an issued one</source>
        <translation>证明 {id} 不是有效（已出具）的证明</translation>
    </message>
    <message>
        <location filename="../commdesk/store/services/volunteer_record.py" line="+29"/>
        <source>volunteer {id} is not in the volunteer ledger</source>
        <translation>志愿者 {id} 不在志愿者台账中</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/certificate_dialog.py" line="+86"/>
        <source>Issue service certificates</source>
        <translation>出具志愿服务记录证明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Selected volunteers ({count})</source>
        <translation>选中的志愿者（{count} 名）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Whole team</source>
        <translation>整个服务队</translation>
    </message>
    <message>
        <location line="+22"/>
        <location filename="../commdesk/ui/certificate_register.py" line="+68"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Volunteers</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service from</source>
        <translation>服务期间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Handling clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../commdesk/ui/certificate_register.py" line="+7"/>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Services</source>
        <translation>服务次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../commdesk/ui/certificate_register.py" line="+3"/>
        <source>Hours</source>
        <translation>时长（小时）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Issue and save PDF…</source>
        <translation>出具并保存 PDF…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Enter the first and last day of the service.</source>
        <translation>请填写服务的起始日期和截止日期。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>deleted: no certificate</source>
        <translation>已删除：不能出具证明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no linked service records in the range</source>
        <translation>该期间没有关联的服务记录</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Nobody here has service records in the range.</source>
        <translation>所选志愿者在该期间都没有服务记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} certificate(s) to issue, {hours} hours in all.</source>
        <translation>将出具 {count} 份证明，合计 {hours} 小时。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>service-certificates_{day}.pdf</source>
        <translation>志愿服务记录证明_{day}.pdf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the certificates</source>
        <translation>保存证明</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../commdesk/ui/certificate_register.py" line="+96"/>
        <location line="+56"/>
        <source>PDF file (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No certificate issued</source>
        <translation>未出具证明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was issued and no number was used.

{reason}</source>
        <translation>未出具任何证明，也没有占用编号。

{reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Issued {numbers}; saved to {file}.</source>
        <translation>已出具 {numbers}，保存为 {file}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not issued: {list}</source>
        <translation>未出具：{list}</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/certificate_register.py" line="-190"/>
        <source>voided: {reason}</source>
        <translation>已作废：{reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>issued, reprinted {count}×</source>
        <translation>有效，已补打 {count} 次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>issued</source>
        <translation>有效</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Certificate register</source>
        <translation>证明登记簿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Issued from</source>
        <translation>出具日期从</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service period</source>
        <translation>服务期间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issued on</source>
        <translation>出具日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reprint…</source>
        <translation>补打…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publicity list…</source>
        <translation>公示名单…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The certificates issued in the span, to post for at least {days} days</source>
        <translation>该期间出具的证明名单，公示不少于 {days} 日</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Save the reprint</source>
        <translation>保存补打的证明</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{number} reprinted to {file}.</source>
        <translation>{number} 已补打，保存为 {file}。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Void certificate</source>
        <translation>作废证明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is {number} ({name}) void? It stays in the register.</source>
        <translation>作废 {number}（{name}）的原因？作废后仍保留在登记簿中。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{number} voided.</source>
        <translation>{number} 已作废。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Enter the span of issue dates for the list.</source>
        <translation>请填写公示名单的出具日期范围。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the publicity list</source>
        <translation>保存公示名单</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{count} certificate(s) listed in {file}.</source>
        <translation>{count} 份证明已列入 {file}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+37"/>
        <source>Not written</source>
        <translation>未能写入</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Service record</source>
        <translation>志愿服务记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a volunteer on the volunteers page first.</source>
        <translation>请先在志愿者页面选中一名志愿者。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the service record</source>
        <translation>保存志愿服务记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF file (*.pdf);;Excel workbook (*.xlsx)</source>
        <translation>PDF 文件 (*.pdf);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Certificates</source>
        <translation>证明</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Volunteer service certificates (志愿服务记录证明)</source>
        <translation>志愿服务记录证明</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Issue certificate…</source>
        <translation>出具证明…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Certificate register…</source>
        <translation>证明登记簿…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Service record…</source>
        <translation>志愿服务记录…</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <location filename="../commdesk/returns/charts.py" line="+87"/>
        <source>Services per month</source>
        <translation>每月服务次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People served per month</source>
        <translation>每月服务人次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service hours per month</source>
        <translation>每月服务时长</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>services</source>
        <translation>次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>people served</source>
        <translation>人次</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+29"/>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Volunteers active per month</source>
        <translation>每月参与服务的志愿者</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Volunteers active</source>
        <translation>参与服务的志愿者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Volunteer hours</source>
        <translation>志愿服务时长</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>volunteers</source>
        <translation>人</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Facility area per 100 households</source>
        <translation>每百户设施面积</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>m² per 100 households</source>
        <translation>每百户面积（m²）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+119"/>
        <source>Plan target</source>
        <translation>规划目标</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Committees, lowest to highest</source>
        <translation>各村（居）委会（由低到高）</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../commdesk/cli/backup.py" line="+17"/>
        <source>backup file or folder (default: backups/ in the data folder)</source>
        <translation>备份文件或文件夹（默认：数据文件夹中的 backups/）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>copy the database safely</source>
        <translation>安全地复制数据库（备份）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--out is empty; name a file or folder</source>
        <translation>--out 为空，请指定文件或文件夹</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/check.py" line="+19"/>
        <source>check the database (integrity, schema, catalogue codes)</source>
        <translation>检查数据库（完整性、结构版本、目录代码）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>database damaged: {problems}</source>
        <translation>数据库已损坏：{problems}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the database file is intact, but its data has problems: {problems}</source>
        <translation>数据库文件完好，但数据存在问题：{problems}</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/consolidate.py" line="+12"/>
        <source>consolidate committees&apos; return workbooks into the township&apos;s return (汇总)</source>
        <translation>将各村（居）委会的报表汇总为乡镇（街道）报表</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/contract.py" line="+32"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>“{value}” is not a whole number</source>
        <translation>“{value}”不是整数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{value} is out of range: use {low} to {high}</source>
        <translation>{value} 超出范围：请使用 {low} 到 {high} 之间的数</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>--out must name an .xlsx file</source>
        <translation>--out 必须是 .xlsx 文件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--out must name an .xlsx or .pdf file</source>
        <translation>--out 必须是 .xlsx 或 .pdf 文件</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>folder {path} does not exist</source>
        <translation>文件夹 {path} 不存在</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/demo.py" line="+21"/>
        <source>service records (default 5000)</source>
        <translation>服务记录条数（默认 5000）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>12-digit statistical division code</source>
        <translation>12 位统计用区划代码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>delete existing ledger rows first</source>
        <translation>先删除台账中已有的记录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>fill the data folder with a plausible demo community</source>
        <translation>在数据文件夹中生成一个模拟社区（演示数据）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>current database saved as {path}</source>
        <translation>当前数据库已另存为 {path}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>nothing was written: the database could not be written ({error})</source>
        <translation>未写入任何内容：无法写入数据库（{error}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>demo data written to {path}</source>
        <translation>演示数据已写入 {path}</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/briefing.py" line="+15"/>
        <location filename="../commdesk/cli/export.py" line="+33"/>
        <location filename="../commdesk/returns/consolidate_cli.py" line="+41"/>
        <source>2026-10, 2026Q3, 2026H1 or 2026</source>
        <translation>2026-10、2026Q3、2026H1 或 2026</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/export.py" line="+3"/>
        <source>the .xlsx or .pdf to write</source>
        <translation>要写出的 .xlsx 或 .pdf 文件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>explanation (说明) for a warning; repeatable</source>
        <translation>对审核警告的说明；可多次使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file of RULE=TEXT lines</source>
        <translation>每行一条“规则代码=说明”的文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>return definition id (default: community-service)</source>
        <translation>报表模板标识（默认：community-service）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>export the statistical return as xlsx or PDF</source>
        <translation>导出统计报表（xlsx 或 PDF）</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/briefing.py" line="+3"/>
        <location filename="../commdesk/cli/certificate.py" line="+40"/>
        <location filename="../commdesk/cli/roster.py" line="+27"/>
        <source>the .pdf to write</source>
        <translation>要写入的 .pdf 文件</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/contract.py" line="-8"/>
        <source>--out must name a .pdf file</source>
        <translation>--out 必须是 .pdf 文件</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/briefing.py" line="+6"/>
        <source>write the one-page community service briefing as PDF</source>
        <translation>生成一页的社区服务简报（PDF）</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../commdesk/cli/certificate.py" line="+45"/>
        <location filename="../commdesk/cli/check.py" line="-14"/>
        <location filename="../commdesk/cli/export.py" line="+21"/>
        <location filename="../commdesk/cli/roster.py" line="+48"/>
        <source>no database in {path}</source>
        <translation>{path} 中没有数据库</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../commdesk/cli/export.py" line="+8"/>
        <source>the community profile is missing or incomplete</source>
        <translation>社区信息缺失或不完整</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>briefing written to {path}</source>
        <translation>简报已写入 {path}</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/export.py" line="+12"/>
        <source>nothing written: {count} issue(s) to fix or explain</source>
        <translation>未写入任何内容：有 {count} 个问题需要修改或说明</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/certificate.py" line="-59"/>
        <source>ID number or name of a volunteer; repeatable</source>
        <translation>志愿者的身份证号或姓名；可重复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>every volunteer of this team</source>
        <translation>该服务队的全部志愿者</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>first day of the service covered</source>
        <translation>证明的服务起始日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>last day of the service covered</source>
        <translation>证明的服务截止日期</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>handling clerk (default: the profile&apos;s preparer)</source>
        <translation>经办人（默认：基本情况中的填表人）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>team “{name}” has no volunteers</source>
        <translation>服务队“{name}”没有志愿者</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>issue volunteer service certificates (志愿服务记录证明) as PDF</source>
        <translation>出具志愿服务记录证明（PDF）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>refused {who}: {reason}</source>
        <translation>未出具 {who}：{reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no certificate issued: {count} volunteer(s) refused</source>
        <translation>未出具任何证明：{count} 名志愿者不符合条件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{number} {name}: {hours} hours in {count} service(s)</source>
        <translation>{number} {name}：{count} 次服务，共 {hours} 小时</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../commdesk/cli/export.py" line="+11"/>
        <source>written {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/import_.py" line="+12"/>
        <source>import a legacy spreadsheet (xlsx, xls, ods, csv) into a ledger</source>
        <translation>将原有的电子表格（xlsx、xls、ods、csv）导入台账</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/registry.py" line="+100"/>
        <source>(see {prog} --help)</source>
        <translation>（参见 {prog} --help）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CommDesk community service ledgers.</source>
        <translation>CommDesk 社区服务台账。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>print the version and exit</source>
        <translation>显示版本号后退出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>data folder (default: per-user)</source>
        <translation>数据文件夹（默认：当前用户的数据文件夹）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a PostgreSQL server instead of the data folder&apos;s file, e.g. postgresql+psycopg://clerk@server/committee (default: $COMMDESK_DATABASE_URL, else the file)</source>
        <translation>使用 PostgreSQL 服务器而不是数据文件夹中的文件，例如 postgresql+psycopg://clerk@server/committee（默认：$COMMDESK_DATABASE_URL，未设置时用文件）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>open every page and dialog offscreen, then exit (0 = all good)</source>
        <translation>在后台打开每个页面和对话框，然后退出（0 表示一切正常）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>start the window as usual, print the clock time (Unix seconds) when the first ledger page is painted, then close normally (used by bench/bench_gui.py)</source>
        <translation>照常打开窗口，在第一个台账页面显示出来时打印时刻（Unix 秒），然后正常关闭（供 bench/bench_gui.py 使用）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>commands</source>
        <translation>命令</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{reason} (its database is at an older schema, which {name} must upgrade)</source>
        <translation>{reason}（其数据库为旧版结构，{name} 须先升级）</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>the data folder {path} is a file, not a folder</source>
        <translation>数据文件夹 {path} 是一个文件，不是文件夹</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>commdesk {name} works on the data folder&apos;s file, not on a server database</source>
        <translation>commdesk {name} 只用于数据文件夹中的文件，不能用于服务器数据库</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/restore.py" line="+14"/>
        <source>the backup to restore</source>
        <translation>要恢复的备份文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>replace the database with a backup</source>
        <translation>用备份替换当前数据库（恢复）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>previous database saved as {path}</source>
        <translation>原数据库已另存为 {path}</translation>
    </message>
    <message>
        <location filename="../commdesk/returns/consolidate_cli.py" line="-12"/>
        <source>return workbooks or folders</source>
        <translation>报表文件或文件夹</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>read every committee database this PostgreSQL login may read, instead of files (periods not yet submitted are left out and named)</source>
        <translation>读取此 PostgreSQL 账号可读的所有社区数据库，代替文件（尚未上报该期的社区不计入并列出）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the consolidated .xlsx to write</source>
        <translation>要写入的汇总 .xlsx 文件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>use this hand-altered workbook anyway (its visible cells); repeatable</source>
        <translation>仍然使用这份经手工修改的报表（按表面数据）；可多次使用</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>return definition id (default: current)</source>
        <translation>报表模板标识（默认：当前模板）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>name of the consolidating unit (default: roster)</source>
        <translation>汇总单位名称（默认：取自名册）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its division code: 9 digits (township) or 6 (county); default: roster or inputs</source>
        <translation>汇总单位的区划代码：9 位（乡镇）或 6 位（县）；默认：取自名册或各报表</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>单位负责人 in the footer (this run; default: the township roster&apos;s)</source>
        <translation>表尾的单位负责人（仅本次；默认取乡镇名册中的）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>统计负责人 in the footer (this run; default: the township roster&apos;s)</source>
        <translation>表尾的统计负责人（仅本次；默认取乡镇名册中的）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>填表人 in the footer (this run; default: the township roster&apos;s)</source>
        <translation>表尾的填表人（仅本次；默认取乡镇名册中的）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>联系电话 in the footer (this run; default: the township roster&apos;s)</source>
        <translation>表尾的联系电话（仅本次；默认取乡镇名册中的）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>last year&apos;s consolidation of the same period: 上年数据 and 同比 of the JBZH0001 sheet</source>
        <translation>上年同期的汇总表：用于 JBZH0001 表的“上年数据”和“同比”</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>报出日期, e.g. 2026-10-08 (default: today)</source>
        <translation>报出日期，例如 2026-10-08（默认：今天）</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>--unit-name needs --unit-code (or a township roster in the data folder)</source>
        <translation>--unit-name 需要同时给出 --unit-code（或在数据文件夹中设置乡镇名册）</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>--out {path} is one of the inputs; choose another file for the result</source>
        <translation>--out {path} 是输入文件之一，请为汇总结果另选一个文件</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>name return files or folders, or --server URL</source>
        <translation>请给出报表文件或文件夹，或 --server URL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an input is empty; name a file or folder</source>
        <translation>有一个输入为空，请指定文件或文件夹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no such file or folder: {path}</source>
        <translation>没有这个文件或文件夹：{path}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no .xlsx files found in the inputs</source>
        <translation>输入中没有找到 .xlsx 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing consolidated: none of the {count} files could be used</source>
        <translation>未汇总：{count} 个文件都不能使用</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>give either files or --server, not both</source>
        <translation>请给出文件或 --server，不能同时给出</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not-submitted  {database}  {period} is not submitted yet</source>
        <translation>not-submitted  {database}  {period} 尚未上报</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no committee on the server has submitted {period}</source>
        <translation>服务器上没有社区上报 {period}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>written {path}: {included} of {files} files consolidated into {unit} ({code})</source>
        <translation>已写入 {path}：{files} 个文件中的 {included} 个已汇总为 {unit}（{code}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>, {count} expected missing</source>
        <translation>，应报未报 {count} 个</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/gate.py" line="+44"/>
        <source>the database is missing or empty, though this folder held one; nothing was written. {restore}</source>
        <translation>数据库丢失或为空，但此文件夹原先有数据库；未写入任何内容。{restore}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>database damaged ({reason}); nothing was written. {restore}</source>
        <translation>数据库已损坏（{reason}）；未写入任何内容。{restore}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Restore the newest good backup: commdesk restore {path}</source>
        <translation>请恢复最新的完好备份：commdesk restore {path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No good backup in {folder}: restore one with commdesk restore FILE.</source>
        <translation>{folder} 中没有完好的备份：请用 commdesk restore 文件 恢复一个备份。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>a start-up password is set: run this at a terminal to type it, or give it in the environment variable {name}</source>
        <translation>已设置启动密码：请在终端中运行以输入密码，或通过环境变量 {name} 提供</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start-up password: </source>
        <translation>启动密码：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no password given; nothing was done</source>
        <translation>未输入密码；未做任何操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>wrong password; nothing was done</source>
        <translation>密码错误；未做任何操作</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>cannot read the start-up password setting ({error})</source>
        <translation>无法读取启动密码设置（{error}）</translation>
    </message>
    <message>
        <location filename="../commdesk/paths.py" line="+51"/>
        <source>--data-dir is empty; name a folder</source>
        <translation>--data-dir 为空，请指定一个文件夹</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/roster.py" line="-50"/>
        <source>the ledger to print</source>
        <translation>要打印的台账</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>only rows matching TEXT</source>
        <translation>只打印与 TEXT 匹配的行</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>print ID numbers in full (recorded in the audit log)</source>
        <translation>打印完整身份证号码（记入审计日志）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>print a ledger&apos;s roster (花名册) as PDF</source>
        <translation>将台账花名册打印为 PDF</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>written {path}: {count} rows</source>
        <translation>已写出 {path}：{count} 行</translation>
    </message>
    <message>
        <location filename="../commdesk/cli/server.py" line="+23"/>
        <source>init: create the committee&apos;s database and roles; clerk: add a clerk&apos;s login; push: copy this data folder&apos;s database into the committee&apos;s empty database</source>
        <translation>init：建立社区的数据库和角色；clerk：添加工作人员登录账号；push：把本数据文件夹的数据库复制到社区的空数据库</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>postgresql+psycopg://… of the server&apos;s administrator (init, clerk) or of the committee database (push)</source>
        <translation>服务器管理员（init、clerk）或社区数据库（push）的 postgresql+psycopg://… 地址</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>committee code (init, clerk)</source>
        <translation>社区代码（init、clerk）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>clerk&apos;s login (clerk)</source>
        <translation>工作人员登录名（clerk）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>clerk&apos;s role: entry 填报员, reviewer 审核人, admin 管理员 (clerk)</source>
        <translation>工作人员角色：entry 填报员、reviewer 审核人、admin 管理员（clerk）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{option} is required here</source>
        <translation>此处必须提供 {option}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>set up a committee on a PostgreSQL server; push a folder into it</source>
        <translation>在 PostgreSQL 服务器上设置社区；把数据文件夹搬上去</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>committee {code}: database {database} ready</source>
        <translation>社区 {code}：数据库 {database} 已就绪</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>give the new password in {variable}</source>
        <translation>请在 {variable} 中给出新密码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New password: </source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the new password is empty; nothing was changed</source>
        <translation>新密码为空，未做任何更改</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>clerk {name} added</source>
        <translation>已添加工作人员 {name}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>copy differs in: {tables}</source>
        <translation>复制结果不一致的表：{tables}</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../commdesk/ui/conflict_dialog.py" line="+79"/>
        <source>Someone else changed this record</source>
        <translation>他人已修改此记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{user} saved this record at {time}, while you were editing it. Both versions are shown below; fields that differ are marked ≠. Choose which value to keep for each of them, or keep one version whole.</source>
        <translation>在您编辑期间，{user} 于 {time} 保存了此记录。下面并排列出两个版本，不同的字段标有 ≠。请逐项选择保留哪一个值，或整体保留其中一个版本。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your version</source>
        <translation>您的版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their version (saved)</source>
        <translation>对方的版本（已保存）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theirs</source>
        <translation>对方的</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Keep &amp;mine</source>
        <translation>保留我的(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep &amp;theirs</source>
        <translation>保留对方的(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save merged</source>
        <translation>保存合并结果(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <location filename="../commdesk/store/services/conflicts.py" line="+41"/>
        <source>Record {row} was changed by {user} (version {theirs}) after you opened it (version {mine}).</source>
        <translation>记录 {row} 在您打开后（版本 {mine}）已被 {user} 修改（版本 {theirs}）。</translation>
    </message>
</context>
<context>
    <name>ConsolidationPage</name>
    <message>
        <location filename="../commdesk/ui/consolidation_files.py" line="+44"/>
        <source>Included</source>
        <translation>已汇总</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Included (altered, visible cells)</source>
        <translation>已汇总（已修改，按表面数据）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Altered after export</source>
        <translation>导出后被修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a CommDesk return</source>
        <translation>不是 CommDesk 报表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Damaged or unreadable</source>
        <translation>文件损坏或无法读取</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Different return template</source>
        <translation>报表模板不符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Different period</source>
        <translation>报告期不符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not under this township</source>
        <translation>不属于本乡镇（街道）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong level</source>
        <translation>报表层级不符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate (older export)</source>
        <translation>重复报送（较早导出）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit errors</source>
        <translation>审核有错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inactive in the roster</source>
        <translation>名册中已停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output file</source>
        <translation>本次输出文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing</source>
        <translation>缺报</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/consolidation_page.py" line="+148"/>
        <source>Consolidation (汇总)</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{title}, template version {version}. Add the committees&apos; return workbooks; each is checked before it is summed.</source>
        <translation>{title}，模板版本 {version}。请添加各村（居）委会的报表文件，每份报表经检查后再汇总。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read again</source>
        <translation>重新读取</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/consolidation_files.py" line="-22"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Committee</source>
        <translation>村（居）委会</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Division code</source>
        <translation>统计用区划代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因及说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include anyway</source>
        <translation>仍然汇总</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/consolidation_page.py" line="+2"/>
        <source>Read from server…</source>
        <translation>从服务器读取…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Consolidate and save…</source>
        <translation>汇总并保存…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report date:</source>
        <translation>报出日期：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Returns</source>
        <translation>报表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Township roster</source>
        <translation>乡镇（街道）名册</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Indicators</source>
        <translation>指标达标情况</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Reading {done} of {total} files…</source>
        <translation>正在读取第 {done} 个文件，共 {total} 个…</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+186"/>
        <location line="+28"/>
        <location line="+9"/>
        <source>Consolidation</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location line="-222"/>
        <source>The consolidation failed:
{error}</source>
        <translation>汇总失败：
{error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add return workbooks</source>
        <translation>添加报表文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+185"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="-177"/>
        <source>Add a folder of return workbooks</source>
        <translation>添加存放报表的文件夹</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Reading files…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/consolidation_files.py" line="+108"/>
        <source>This workbook was edited after export. Tick to sum its visible cells anyway; the 汇总说明 sheet records it.</source>
        <translation>此工作簿在导出后被修改过。勾选后仍按表面数据汇总，并在“汇总说明”工作表中记录。</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/consolidation_page.py" line="+37"/>
        <source>No files added yet.</source>
        <translation>尚未添加文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{unit} ({code}): {included} of {files} files included, {excluded} left out, {missing} expected committees missing.</source>
        <translation>{unit}（{code}）：{files} 个文件中已汇总 {included} 个，未汇总 {excluded} 个；缺报 {missing} 个村（居）委会。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No roster: the township is taken from the files and missing committees are not checked.</source>
        <translation>未设置名册：乡镇（街道）取自各报表，不检查缺报。</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+37"/>
        <source>Report date: {problem}</source>
        <translation>报出日期：{problem}</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Save the consolidated return</source>
        <translation>保存汇总表</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Add the committees&apos; returns first.</source>
        <translation>请先添加各村（居）委会的报表。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No return could be used.</source>
        <translation>没有可用于汇总的报表。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Consolidated return saved</source>
        <translation>汇总表已保存</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every file and what happened to it is listed on the 汇总说明 sheet.</source>
        <translation>每个文件的处理情况均列在“汇总说明”工作表中。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
</context>
<context>
    <name>ConsolidationServer</name>
    <message>
        <location filename="../commdesk/ui/consolidation_server.py" line="+64"/>
        <source>Read from the server</source>
        <translation>从服务器读取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every committee database your login may read is consolidated for {period}. Committees that have not submitted the period are listed and left out. The password is used for this reading only and never saved.</source>
        <translation>汇总{period}该登录名有权读取的每个村（居）委会数据库。本期尚未上报的村（居）委会会列出，但不计入汇总。密码只用于这一次读取，从不保存。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Server address:</source>
        <translation>服务器地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Login name:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Give the server&apos;s address, e.g. {example}.</source>
        <translation>请填写服务器地址，例如 {example}。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Connecting to the server…</source>
        <translation>正在连接服务器…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading committee {done} of {total} from the server…</source>
        <translation>正在从服务器读取第 {done} 个村（居）委会，共 {total} 个…</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The server refused the login {user}: check the name and the password.</source>
        <translation>服务器拒绝了登录名 {user}：请检查登录名和密码。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not submitted</source>
        <translation>未上报</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{period} is not submitted yet on the server; left out.</source>
        <translation>服务器上{period}尚未上报，未计入汇总。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Committees on the server that have not submitted: {count}.</source>
        <translation>服务器上尚未上报的村（居）委会：{count} 个。</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <location filename="../commdesk/ui/date_entry.py" line="+140"/>
        <source>yyyy-mm-dd, e.g. 2026-03-01</source>
        <translation>年-月-日，如 2026-03-01</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose from the calendar (F4)</source>
        <translation>从日历中选择（F4）</translation>
    </message>
</context>
<context>
    <name>Display</name>
    <message>
        <location filename="../commdesk/ui/display.py" line="+37"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
</context>
<context>
    <name>DueDates</name>
    <message>
        <location filename="../commdesk/domain/due_dates.py" line="+97"/>
        <source>{where}: a return needs a name</source>
        <translation>{where}：每个报表都需要名称（name）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{where}: period must be one of {kinds}</source>
        <translation>{where}：period 必须是 {kinds} 之一</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{where}: months_after must be a whole number</source>
        <translation>{where}：months_after 必须是整数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{where}: months_after must be between 0 and 24</source>
        <translation>{where}：months_after 必须在 0 到 24 之间</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{where}: day must be 1–31 or “last”</source>
        <translation>{where}：day 必须是 1–31 或 “last”（月末）</translation>
    </message>
</context>
<context>
    <name>DueReturns</name>
    <message>
        <location filename="../commdesk/ui/due_returns.py" line="+50"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Modified, needs re-submitting</source>
        <translation>已修改需重新上报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>in {days} days</source>
        <translation>还有{days}天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>due today</source>
        <translation>今天截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{days} days late</source>
        <translation>已逾期{days}天</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{name} {period}: due {date} ({when}, {state})</source>
        <translation>{name}（{period}）{date}截止（{when}，{state}）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Returns due soon or late: {list}</source>
        <translation>报表即将到期或已逾期：{list}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+5"/>
        <source>{count} returns</source>
        <translation>{count}份报表</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>{names} late</source>
        <translation>{names}已逾期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{names} due within {days} days</source>
        <translation>{names}{days}天内到期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Returns: {list}. Details on the Overview page.</source>
        <translation>报表提醒：{list}。详见“概览”页。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The return calendar cannot be read.</source>
        <translation>无法读取报送日历。</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>The return calendar cannot be read: {error}</source>
        <translation>无法读取报送日历：{error}</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Return</source>
        <translation>报表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>报告期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Overdue (exported, not submitted)</source>
        <translation>逾期（已导出，未上报）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{date} ({when})</source>
        <translation>{date}（{when}）</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../commdesk/ui/errors.py" line="+45"/>
        <source>This is a read-only copy: nothing can be changed until the server is back.</source>
        <translation>这是只读备份，服务器恢复之前不能修改任何内容。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{path}: {reason}</source>
        <translation>{path}：{reason}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Something went wrong and the last action may not have completed.</source>
        <translation>程序出现错误，刚才的操作可能没有完成。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Details were written to {path}.</source>
        <translation>详细信息已写入 {path}。</translation>
    </message>
</context>
<context>
    <name>ExplainWarningsDialog</name>
    <message>
        <location filename="../commdesk/ui/returns_dialogs.py" line="+87"/>
        <source>Explain warnings</source>
        <translation>说明警告</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The return for {period} has warnings. Write a short explanation for each one; the explanations are printed on the return&apos;s audit notes sheet.</source>
        <translation>{period}的报表有警告。请为每条警告写一句简短说明，说明将打印在报表的审核说明页上。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Explanation (required)</source>
        <translation>说明（必填）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>FieldEditors</name>
    <message>
        <location filename="../commdesk/ui/field_widgets.py" line="+97"/>
        <source>Show full number</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the full ID number (recorded in the audit log)</source>
        <translation>显示完整身份证号（会记入操作日志）</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Shift+Enter starts a new line</source>
        <translation>Shift+回车换行</translation>
    </message>
    <message>
        <location line="+328"/>
        <source>18 digits, last may be X</source>
        <translation>18 位，最后一位可为 X</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>11-digit mobile number</source>
        <translation>11 位手机号码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. 010-12345678</source>
        <translation>例如 010-12345678</translation>
    </message>
</context>
<context>
    <name>FieldUnits</name>
    <message>
        <location line="-370"/>
        <source>households</source>
        <translation>户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>people</source>
        <translation>人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>person-times</source>
        <translation>人次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>m²</source>
        <translation>平方米</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../commdesk/ui/help_window.py" line="+56"/>
        <source>CommDesk user guide</source>
        <translation>CommDesk 用户指南</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <location filename="../commdesk/importing/commit.py" line="+94"/>
        <source>{field} was not in the file: {count} rows got “{value}”.</source>
        <translation>文件中没有“{field}”：{count} 行取了“{value}”。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import cancelled; nothing was written.</source>
        <translation>导入已取消，未写入任何数据。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Cannot create the team “{name}”: {error}</source>
        <translation>无法创建志愿服务队“{name}”：{error}</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>{count} volunteer links dropped: deleted since the preview.</source>
        <translation>有 {count} 个志愿者关联未写入：预览后这些志愿者已被删除。</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Record {id} was deleted since the preview; preview the import again.</source>
        <translation>记录 {id} 在预览后已被删除，请重新预览导入。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Record {id} changed since the preview; preview the import again.</source>
        <translation>记录 {id} 在预览后已被修改，请重新预览导入。</translation>
    </message>
    <message>
        <location filename="../commdesk/importing/headers.py" line="+126"/>
        <source>--map: “{spec}” is not a field of this ledger ({choices}).</source>
        <translation>--map：“{spec}”不是本台账的字段（可选：{choices}）。</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+7"/>
        <source>--map needs the form 表头=field, got “{pair}”.</source>
        <translation>--map 的格式应为 表头=字段，实际为“{pair}”。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>column {letter} (no header)</source>
        <translation>第 {letter} 列（无表头）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ignored by choice</source>
        <translation>已选择忽略</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no header</source>
        <translation>无表头</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>could be {fields}</source>
        <translation>可能是：{fields}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>matches no field</source>
        <translation>不对应任何字段</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>same field as column {letter}</source>
        <translation>与第 {letter} 列对应同一字段</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>--map: the file has no column “{head}” (columns: {names}).</source>
        <translation>--map：文件中没有“{head}”列（现有列：{names}）。</translation>
    </message>
    <message>
        <location filename="../commdesk/importing/kinds.py" line="+44"/>
        <source>Unknown ledger “{name}”; choose one of {choices}.</source>
        <translation>未知的台账“{name}”，请从以下选择：{choices}。</translation>
    </message>
    <message>
        <location filename="../commdesk/importing/plan.py" line="+217"/>
        <source>Blank rows skipped: {count}.</source>
        <translation>已跳过空行：{count} 行。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Used the column mapping remembered for these headers.</source>
        <translation>已使用上次为这些表头确认的列对应关系。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>New volunteer teams will be created: {teams}.</source>
        <translation>将新建志愿服务队：{teams}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Text encoding: {encoding}.</source>
        <translation>文本编码：{encoding}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hidden sheets skipped: {names}.</source>
        <translation>已跳过隐藏的工作表：{names}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The workbook has no visible sheet; choose one with --sheet NAME.</source>
        <translation>工作簿中没有可见的工作表，请用 --sheet 工作表名 指定。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Imported sheet {sheet}; other sheets not read: {names} (use --sheet).</source>
        <translation>已导入工作表“{sheet}”；未读取的其他工作表：{names}（可用 --sheet 指定）。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No sheet named “{name}”; the sheets are: {names}.</source>
        <translation>没有名为“{name}”的工作表；现有工作表：{names}。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No column for the required field(s) {names}; headers found: {headers}. Name the column with --map &quot;表头=field&quot;.</source>
        <translation>缺少必填字段 {names} 对应的列；找到的表头：{headers}。请用 --map &quot;表头=字段&quot; 指定对应列。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file has no column for {field}: every row gets the default “{value}”.</source>
        <translation>文件中没有“{field}”列：每一行都将取默认值“{value}”。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>only ignored columns are filled</source>
        <translation>只有被忽略的列有内容</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{period} has been submitted and is locked; unlock it first.</source>
        <translation>{period}已上报并锁定，请先解锁。</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>same person as row {row} in this file: added to that row</source>
        <translation>与本文件第{row}行为同一人：已并入该行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>duplicate of row {row} in this file</source>
        <translation>与本文件第 {row} 行重复</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>already in the ledger (record {id})</source>
        <translation>台账中已有（记录 {id}）</translation>
    </message>
    <message>
        <location filename="../commdesk/importing/readers.py" line="+135"/>
        <source>Cannot read the list of sheets in {name}.</source>
        <translation>无法读取 {name} 中的工作表列表。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The file is password-protected. Open it in Excel/WPS, remove the password, save and import again.</source>
        <translation>文件设有密码。请在 Excel/WPS 中打开，取消密码后保存，再重新导入。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot read {name} as a spreadsheet ({error}).</source>
        <translation>无法把 {name} 作为表格读取（{error}）。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Cannot read the sheet {sheet} ({error}).</source>
        <translation>无法读取工作表“{sheet}”（{error}）。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Stopped reading at row {row}: {count} blank rows in a row; anything below them was not read.</source>
        <translation>读到第 {row} 行停止：连续 {count} 行为空，其下内容未读取。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stopped reading at row {row}: {count} blank rows in a row. Rows {first}–{last} below them were not read.</source>
        <translation>读到第 {row} 行停止：连续 {count} 行为空，其下第 {first}—{last} 行未读取。</translation>
    </message>
    <message>
        <location filename="../commdesk/importing/html_table.py" line="+54"/>
        <source>Table {number}</source>
        <translation>表格{number}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is a web page with no table in it; nothing to import.</source>
        <translation>{name} 是网页文件，其中没有表格，没有可导入的内容。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The page declares the text encoding {declared} but is written in {actual}; it was read as {actual}.</source>
        <translation>该网页声明的文字编码是 {declared}，实际却是 {actual}；已按 {actual} 读取。</translation>
    </message>
    <message>
        <location line="+26"/>
        <location filename="../commdesk/importing/readers.py" line="+14"/>
        <source>The sheet {sheet} has more than {limit} rows; split it into smaller files.</source>
        <translation>工作表“{sheet}”超过 {limit} 行，请拆分成几个较小的文件。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>A table in {name} is wider than {limit} columns; it is not a ledger.</source>
        <translation>{name} 中有表格超过 {limit} 列，不是台账。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The tables in {name} have more than {limit} cells; split it into smaller files.</source>
        <translation>{name} 中的表格共超过 {limit} 个单元格，请拆分成较小的文件。</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>{name} nests its elements more than {limit} deep; it is damaged or not a table exported by another system.</source>
        <translation>{name} 的元素嵌套超过 {limit} 层，文件已损坏，或不是其他系统导出的表格。</translation>
    </message>
    <message>
        <location filename="../commdesk/importing/readers.py" line="+48"/>
        <source>Cannot tell the text encoding of {name}; save it as “CSV UTF-8” in Excel/WPS.</source>
        <translation>无法识别 {name} 的文字编码；请在 Excel/WPS 中另存为“CSV UTF-8”格式。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{name} mixes two text encodings: line(s) {utf8} are UTF-8, line(s) {other} GBK; nothing was imported. Open it in Excel/WPS, fix the garbled lines and save it as “CSV UTF-8”.</source>
        <translation>{name} 混用了两种文字编码：第 {utf8} 行是 UTF-8，第 {other} 行是 GBK；未导入任何内容。请在 Excel/WPS 中打开，改正乱码的行，另存为“CSV UTF-8”。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The CSV file is malformed ({error}).</source>
        <translation>CSV 文件格式有误（{error}）。</translation>
    </message>
    <message>
        <location filename="../commdesk/importing/rows.py" line="+296"/>
        <source>{column}: {message}</source>
        <translation>{column}：{message}</translation>
    </message>
    <message>
        <location line="+236"/>
        <source>number too large</source>
        <translation>数字过大</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>cell {cell} has a formula without a saved result; open the file in Excel/WPS, save it, and import again.</source>
        <translation>单元格 {cell} 是没有保存计算结果的公式；请在 Excel/WPS 中打开并保存该文件后再导入。</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>“{name}” is not in the volunteer roster; not linked.</source>
        <translation>志愿者名册中没有“{name}”，未关联。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{count} volunteers are called “{name}”; not linked.</source>
        <translation>名册中有 {count} 名志愿者叫“{name}”，无法确定，未关联。</translation>
    </message>
    <message>
        <location filename="../commdesk/importing/table.py" line="+132"/>
        <source>The sheet {sheet} is empty.</source>
        <translation>工作表“{sheet}”是空的。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No header row found in sheet {sheet}: no row names at least two columns of this ledger (e.g. {examples}).</source>
        <translation>在工作表“{sheet}”中找不到表头行：没有哪一行包含本台账的至少两个列名（如 {examples}）。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>subtotal row</source>
        <translation>小计行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>total row</source>
        <translation>合计行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>notes</source>
        <translation>备注说明</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>repeated header row</source>
        <translation>重复的表头行</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The table ends at row {row} ({why}).</source>
        <translation>表格在第 {row} 行结束（{why}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The non-blank row below it (row {row}) was not imported.</source>
        <translation>其下的非空行（第 {row} 行）未导入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} non-blank rows below it were not imported (rows {first}–{last}).</source>
        <translation>其下 {count} 个非空行未导入（第 {first}—{last} 行）。</translation>
    </message>
    <message>
        <location filename="../commdesk/importing/assumptions.py" line="+68"/>
        <source>no {field}</source>
        <translation>缺少“{field}”</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>The file has no {field} column: {count} rows have no joining date.</source>
        <translation>文件中没有“{field}”列：{count} 行没有加入日期。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} rows have no {field}.</source>
        <translation>{count} 行没有填写“{field}”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>They count as joined earlier than every period (no date is stored), unless a joining date is given for them.</source>
        <translation>除非为其指定加入日期，否则视为早于所有统计期加入（不保存日期）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>They are taken as joined on {date} and are not in earlier returns.</source>
        <translation>按 {date} 加入处理，不计入此前各期报表。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} rows are marked 退出 without {field}.</source>
        <translation>{count} 行状态为“退出”但没有“{field}”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>They are taken as left on {date}: counted in the periods that end before it.</source>
        <translation>按 {date} 退出处理：只计入在该日期之前结束的统计期。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>They stay counted up to the latest return exported ({period}, to {date}) and not after, unless an exit date is given for them.</source>
        <translation>除非为其指定退出日期，否则计入至已导出的最近一期报表（{period}，截至 {date}），此后不再计入。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No return has been exported yet, so they count in no period, unless an exit date is given for them.</source>
        <translation>尚未导出过报表，因此除非为其指定退出日期，否则不计入任何统计期。</translation>
    </message>
    <message>
        <location filename="../commdesk/importing/cli.py" line="+88"/>
        <source>“{value}” is neither {word} nor a date YYYY-MM-DD</source>
        <translation>“{value}”既不是 {word}，也不是 YYYY-MM-DD 格式的日期</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>… and {count} more</source>
        <translation>……另有 {count} 条</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No file was named (the FILE argument is empty).</source>
        <translation>没有指定文件（FILE 参数为空）。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Rejected rows written to: {path}</source>
        <translation>未导入的行已写入：{path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dry run: the report would be written to {path}</source>
        <translation>试运行：未导入行的报告将写入 {path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dry run: nothing was written.</source>
        <translation>试运行：没有写入任何数据。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No data rows below the header in {name}.</source>
        <translation>{name} 的表头下面没有数据行。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No row could be imported; reasons in {path}.</source>
        <translation>没有任何一行可以导入；原因见 {path}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the list above</source>
        <translation>上面的列表</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>File: {name}  sheet: {sheet}  header row: {rows}</source>
        <translation>文件：{name}  工作表：{sheet}  表头行：{rows}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Columns: {columns}</source>
        <translation>对应列：{columns}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ignored columns: {columns}</source>
        <translation>忽略的列：{columns}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rows not read as data ({count}):</source>
        <translation>未作为数据读取的行（{count}）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <location line="+38"/>
        <location line="+7"/>
        <source>row {row}: {why}</source>
        <translation>第 {row} 行：{why}</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Rejected ({count}):</source>
        <translation>拒绝导入（{count}）：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Duplicates skipped ({count}):</source>
        <translation>跳过的重复记录（{count}）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>row {row}: {why} — {cells}</source>
        <translation>第 {row} 行：{why} — {cells}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>To update ({count}):</source>
        <translation>将更新（{count}）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>row {row} → record {id}</source>
        <translation>第 {row} 行 → 记录 {id}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Give the dates with --assume-join-date / --assume-left-date YYYY-MM-DD.</source>
        <translation>可用 --assume-join-date / --assume-left-date YYYY-MM-DD 指定日期。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Assumed dates ({count}):</source>
        <translation>采用约定值的日期（{count}）：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Warnings ({count}):</source>
        <translation>提醒（{count}）：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>To add ({count}), first rows:</source>
        <translation>将新增（{count}），前几行：</translation>
    </message>
    <message>
        <location filename="../commdesk/importing/guards.py" line="+53"/>
        <source>{name} is a device, pipe or socket, not a file; nothing was read.</source>
        <translation>{name} 是设备、管道或套接字，不是文件；未读取。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>File not found: {name}</source>
        <translation>找不到文件：{name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is a folder, not a file.</source>
        <translation>{name} 是文件夹，不是文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot open {name}: {error}</source>
        <translation>无法打开 {name}（{error}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file {name} is empty.</source>
        <translation>文件 {name} 是空的。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is too large ({mb} MB); split it into files under {limit} MB.</source>
        <translation>文件太大（{mb} MB），请拆分成每个不超过 {limit} MB 的文件。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The file is password-protected. Open it in Excel/WPS, remove the password (File → Info → Protect workbook), save and import again.</source>
        <translation>文件设有密码。请在 Excel/WPS 中打开，取消密码（文件 → 信息 → 保护工作簿）后保存，再重新导入。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} is a web page or XML saved with a spreadsheet name (exported by another system); open it in Excel/WPS, save it as .xlsx and import that.</source>
        <translation>{name} 其实是网页或 XML 文件，只是用了表格的文件名（多为其他系统导出）；请在 Excel/WPS 中打开，另存为 .xlsx 后再导入。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../commdesk/importing/readers.py" line="-221"/>
        <source>{name} is password-protected or not an xlsx file.</source>
        <translation>{name} 设有密码，或者不是 xlsx 文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+61"/>
        <location filename="../commdesk/importing/readers.py" line="+131"/>
        <location line="+58"/>
        <source>{name} is not a spreadsheet (xlsx, xls, ods or csv).</source>
        <translation>{name} 不是表格文件（应为 xlsx、xls、ods 或 csv）。</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>xlsb workbooks are not supported; save the file as .xlsx.</source>
        <translation>不支持 xlsb 格式的工作簿，请另存为 .xlsx。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../commdesk/importing/readers.py" line="-241"/>
        <source>{name} is damaged (not a readable zip/xlsx file).</source>
        <translation>{name} 已损坏（无法作为 zip/xlsx 文件读取）。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The file has too many parts to be a normal workbook.</source>
        <translation>文件包含的部件过多，不像正常的工作簿。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file is password-protected; remove the password and save again.</source>
        <translation>文件设有密码，请取消密码后重新保存。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The workbook unpacks to {mb} MB, more than the {limit} MB allowed; it is either damaged or far larger than a ledger.</source>
        <translation>工作簿解压后有 {mb} MB，超过允许的 {limit} MB；文件可能已损坏，或远大于一本台账。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The workbook is compressed {ratio}:1, which only a damaged or malicious file does; it was not opened.</source>
        <translation>工作簿的压缩比为 {ratio}:1，只有损坏或恶意的文件才会这样，已拒绝打开。</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+83"/>
        <source>A part of the workbook is too large to be a ledger.</source>
        <translation>工作簿中有部分内容过大，不像一本台账。</translation>
    </message>
    <message>
        <location line="-79"/>
        <location line="+96"/>
        <source>The workbook is damaged ({error}).</source>
        <translation>工作簿已损坏（{error}）。</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>The workbook is damaged (sheet part {part} is missing).</source>
        <translation>工作簿已损坏（缺少工作表部件 {part}）。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The sheet&apos;s used area is {rows} rows × {columns} columns, too large to open. Delete the empty rows and columns around the table (or stray cells far below or to the right), save and import again.</source>
        <translation>工作表的已用区域为 {rows} 行 × {columns} 列，太大无法打开。请删除表格周围的空行空列（或远在下方、右侧的零散单元格），保存后重新导入。</translation>
    </message>
    <message>
        <location line="+151"/>
        <source>The sheet {sheet} has {rows} rows × {columns} columns of values, too large to open.</source>
        <translation>工作表“{sheet}”有 {rows} 行 × {columns} 列数据，太大无法打开。</translation>
    </message>
    <message>
        <location filename="../commdesk/importing/report.py" line="+138"/>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../commdesk/importing/clipboard.py" line="+46"/>
        <source>The clipboard holds too much to paste at once; paste fewer rows or import a file.</source>
        <translation>剪贴板内容太多，无法一次粘贴；请少粘贴一些行，或用“从表格导入”。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The pasted text cannot be read ({error}).</source>
        <translation>粘贴的内容无法读取（{error}）。</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>The clipboard holds no rows. Select the rows in Excel or WPS, copy them (Ctrl+C) and paste again.</source>
        <translation>剪贴板里没有可粘贴的行。请在 Excel 或 WPS 中选中这些行，复制（Ctrl+C）后再粘贴。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The first pasted row was read as the header.</source>
        <translation>粘贴的第一行作为表头读取。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The pasted rows have {count} more column(s) than the page shows; they were not read.</source>
        <translation>粘贴的内容比本页显示的列多 {count} 列，多出的列未读取。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The pasted rows have no header; read in the page&apos;s column order: {names}.</source>
        <translation>粘贴的内容没有表头，按本页各列的顺序读取：{names}。</translation>
    </message>
</context>
<context>
    <name>ImportDates</name>
    <message>
        <location filename="../commdesk/ui/import_dates.py" line="+36"/>
        <source>On this date:</source>
        <translation>指定日期：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. 2026-01-01</source>
        <translation>如 2026-01-01</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Joining date for the {count} rows without one:</source>
        <translation>{count} 行没有加入日期，按：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exit date for the {count} rows marked 退出 without one:</source>
        <translation>{count} 行状态为“退出”但没有退出日期，按：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Earlier than every period</source>
        <translation>早于所有统计期加入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counted up to {period}, the latest exported</source>
        <translation>计入至已导出的最近一期（{period}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Counted in no period (nothing exported yet)</source>
        <translation>不计入任何统计期（尚未导出报表）</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../commdesk/ui/import_commit.py" line="+58"/>
        <location filename="../commdesk/ui/import_preview.py" line="+166"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All rows are written in one go: if you cancel, nothing is written.</source>
        <translation>所有行一次性写入：如果取消，不会写入任何数据。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Cancel import</source>
        <translation>取消导入(&amp;C)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Back to the preview</source>
        <translation>返回预览(&amp;B)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Writing {count} rows into {ledger}…</source>
        <translation>正在把 {count} 行写入{ledger}…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Stopping the import…</source>
        <translation>正在停止导入…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Import cancelled; nothing was written.</source>
        <translation>已取消导入，没有写入任何数据。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The import failed; nothing was written. {error}</source>
        <translation>导入失败，没有写入任何数据。{error}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You can go back to the preview and import again, or close.</source>
        <translation>可以返回预览重新导入，也可以关闭。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../commdesk/ui/import_preview.py" line="-101"/>
        <source>Duplicates skipped</source>
        <translation>重复跳过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../commdesk/ui/import_preview.py" line="+2"/>
        <source>Warnings</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Open report</source>
        <translation>打开清单(&amp;O)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open fol&amp;der</source>
        <translation>打开所在文件夹(&amp;D)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Save report as…</source>
        <translation>另存清单(&amp;S)…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{count} rows were written to {ledger}.</source>
        <translation>已向{ledger}写入 {count} 行。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was written to {ledger}.</source>
        <translation>没有向{ledger}写入任何数据。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>New volunteer teams: {teams}.</source>
        <translation>新建的志愿服务队：{teams}。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The rows that were not imported are in this workbook, with the reason for each in the 原因 column. Correct them there and import that file again.</source>
        <translation>未导入的行保存在下面的工作簿中，“原因”列写明了每行的原因。在那里改正后，再导入这个文件即可。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The list of rows that were not imported could not be saved:</source>
        <translation>未导入行的清单没能保存：</translation>
    </message>
    <message>
        <location line="+25"/>
        <location filename="../commdesk/ui/import_preview.py" line="+278"/>
        <source>Save the rows that were not imported</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../commdesk/ui/import_preview.py" line="+2"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/import_mapping.py" line="+114"/>
        <source>Check the columns</source>
        <translation>核对各列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which field each column of the file goes into. Highlighted columns were not recognised: choose a field for them or leave them ignored.</source>
        <translation>文件中每一列导入到哪个字段。标黄的列未能识别：请为它选择字段，或保持“忽略”。</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Header in the file</source>
        <translation>文件中的表头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First values</source>
        <translation>前几行的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import into</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(no header)</source>
        <translation>（无表头）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Field for column {letter} ({header})</source>
        <translation>第 {letter} 列（{header}）导入为</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>— ignore —</source>
        <translation>— 忽略 —</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>used by more than one column</source>
        <translation>多列选了同一字段</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>your choice</source>
        <translation>已手动指定</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+12"/>
        <source>ignored</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>as last time</source>
        <translation>沿用上次的设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>could be {fields}</source>
        <translation>可能是 {fields}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{file}, sheet {sheet}: header in row {rows}, {count} data rows.</source>
        <translation>{file}，工作表 {sheet}：表头在第 {rows} 行，共 {count} 行数据。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Choose a column for the required field(s): {fields}.</source>
        <translation>请为必填字段选择一列：{fields}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Columns {columns} all go into “{field}”; choose one of them.</source>
        <translation>第 {columns} 列都导入为“{field}”，请只保留其中一列。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Checking the rows with the new columns…</source>
        <translation>正在按新的列设置重新检查各行…</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/import_preview.py" line="-284"/>
        <source>To add</source>
        <translation>将新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To update</source>
        <translation>将更新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>不能导入</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>{team} (new)</source>
        <translation>{team}（新建）</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing has been written yet. Check the counts and the rows below, then import.</source>
        <translation>目前还没有写入任何数据。请核对下面的数量和各行，然后导入。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Update records already in the ledger instead of skipping duplicates</source>
        <translation>台账中已有的记录改为更新，而不是跳过(&amp;U)</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Save it &amp;elsewhere…</source>
        <translation>另存到其他位置(&amp;E)…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Warning</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Record</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rejected ({count})</source>
        <translation>不能导入（{count}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings ({count})</source>
        <translation>提醒（{count}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicates ({count})</source>
        <translation>重复（{count}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To update ({count})</source>
        <translation>将更新（{count}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To add ({count})</source>
        <translation>将新增（{count}）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Rejected rows will be saved for correction to: {path}</source>
        <translation>未导入的行将保存到以下文件，供改正后重新导入：{path}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{file}, sheet {sheet}, header in row {rows}.</source>
        <translation>{file}，工作表 {sheet}，表头在第 {rows} 行。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../commdesk/ui/paste_rows.py" line="+65"/>
        <source>Columns not imported: {columns}.</source>
        <translation>不导入的列：{columns}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>row {row}: {why}</source>
        <translation>第 {row} 行：{why}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>… and {count} more</source>
        <translation>…… 另有 {count} 行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rows not read as data ({count}): {rows}</source>
        <translation>未作为数据读取的行（{count}）：{rows}</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../commdesk/ui/paste_rows.py" line="+5"/>
        <source>No row would be written.</source>
        <translation>没有可以写入的行。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Checking the rows again…</source>
        <translation>正在重新检查各行…</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/import_support.py" line="+126"/>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/import_wizard.py" line="+81"/>
        <location line="+82"/>
        <source>Choose the file to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>A roster or ledger kept in Excel or WPS (.xlsx, .xls, .ods) or a .csv file. Nothing is written until you confirm the preview.</source>
        <translation>用 Excel 或 WPS 做的花名册、台账（.xlsx、.xls、.ods）或 .csv 文件。确认预览之前不会写入任何数据。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Path of the .xlsx, .xls, .ods or .csv file</source>
        <translation>.xlsx、.xls、.ods 或 .csv 文件的路径</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import &amp;into:</source>
        <translation>导入到(&amp;I)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Title rows, merged cells, a 合计 row at the end and blank rows are handled automatically; the next steps show how each column is read.</source>
        <translation>标题行、合并单元格、末尾的合计行和空行会自动处理；接下来的步骤会显示每一列是怎样读取的。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Spreadsheets ({patterns})</source>
        <translation>表格文件 ({patterns})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Choose the sheet</source>
        <translation>选择工作表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The workbook has several sheets. Which one holds the table?</source>
        <translation>这个工作簿有多个工作表，要导入的表格在哪一个？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show &amp;hidden sheets</source>
        <translation>显示隐藏的工作表(&amp;H)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>(chart sheet, no cells)</source>
        <translation>（图表页，没有单元格）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(hidden)</source>
        <translation>（已隐藏）</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Reading sheet {sheet}…</source>
        <translation>正在读取工作表 {sheet}…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Import from a spreadsheet</source>
        <translation>从表格导入</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Stop the import?</source>
        <translation>停止导入？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The import is still running. Stop it? Nothing will be written.</source>
        <translation>导入还在进行。要停止吗？停止后不会写入任何数据。</translation>
    </message>
</context>
<context>
    <name>Indicators</name>
    <message>
        <location filename="../commdesk/returns/briefing.py" line="-55"/>
        <location filename="../commdesk/ui/indicators_panel.py" line="+77"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../commdesk/ui/indicators_panel.py" line="+1"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../commdesk/ui/indicators_panel.py" line="+1"/>
        <source>Target</source>
        <translation>规划目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../commdesk/ui/indicators_panel.py" line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+37"/>
        <location filename="../commdesk/ui/indicators_panel.py" line="+43"/>
        <source>As of {date}; targets: {plan}</source>
        <translation>截至{date}；目标依据：{plan}</translation>
    </message>
    <message>
        <location filename="../commdesk/returns/indicator_text.py" line="+18"/>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No target</source>
        <translation>无目标</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../commdesk/ui/township_view.py" line="+245"/>
        <source>Yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../commdesk/ui/township_view.py" line="+2"/>
        <source>No</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> (enter: {items})</source>
        <translation>（需填写：{items}）</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/indicators_panel.py" line="-3"/>
        <source>No plan loaded</source>
        <translation>未载入规划</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{state}; {count} records behind it (double-click)</source>
        <translation>{state}；涉及{count}条记录（双击查看）</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <location filename="../commdesk/ui/first_window.py" line="+191"/>
        <location filename="../commdesk/ui/ledger_page.py" line="+95"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../commdesk/ui/ledger_page.py" line="+1"/>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../commdesk/ui/ledger_page.py" line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/ledger_page.py" line="+1"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/first_window.py" line="+13"/>
        <location filename="../commdesk/ui/ledger_page.py" line="+1"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="-1"/>
        <location filename="../commdesk/ui/ledger_page.py" line="+1"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/ledger_page.py" line="+2"/>
        <source>Export the rows shown to Excel (ID numbers masked)</source>
        <translation>将当前显示的行导出到 Excel（身份证号已隐藏）</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/first_window.py" line="-1"/>
        <location filename="../commdesk/ui/ledger_page.py" line="+3"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/ledger_page.py" line="+2"/>
        <source>Import rows from an Excel, WPS or CSV file</source>
        <translation>从 Excel、WPS 或 CSV 文件导入</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show deleted rows so they can be restored</source>
        <translation>显示已删除的记录，以便恢复</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/first_window.py" line="-4"/>
        <location filename="../commdesk/ui/ledger_page.py" line="+12"/>
        <source>Search: name, text, pinyin initials (zs) or ID digits</source>
        <translation>搜索：姓名、内容、拼音首字母（zs）或身份证号末几位</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/ledger_page.py" line="+21"/>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>From</source>
        <translation>日期从</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>All: {field}</source>
        <translation>全部{field}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Columns</source>
        <translation>显示列</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Totals could not be computed: {error}</source>
        <translation>合计无法计算：{error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rows: {count}</source>
        <translation>共 {count} 条</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{field}: {value}</source>
        <translation>{field}合计：{value}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deleted rows</source>
        <translation>已删除的记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Records behind an audit warning (Clear filters to see all)</source>
        <translation>报表审核警告涉及的记录（点“清除筛选”查看全部）</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Deleted {count} row(s). {undo} undoes it.</source>
        <translation>已删除 {count} 行。按 {undo} 可撤销。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delete rows</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete {count} selected row(s)? They can be restored from the Deleted view.</source>
        <translation>删除选中的 {count} 行？删除后可在“已删除”视图中恢复。</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/copy_rows.py" line="+66"/>
        <source>Copied {count} row(s).</source>
        <translation>已复制 {count} 行。</translation>
    </message>
</context>
<context>
    <name>LedgerTableModel</name>
    <message>
        <location filename="../commdesk/ui/table_model.py" line="+180"/>
        <source>Click to sort by {name}</source>
        <translation>点击按“{name}”排序</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../commdesk/ui/lock_screen.py" line="+52"/>
        <source>A forgotten password cannot be recovered. The password does not encrypt the data file: it only stops others from opening CommDesk on this PC. Keep the PC account and the backups safe as well.</source>
        <translation>忘记密码后无法找回。密码不会加密数据文件，只能防止别人在这台电脑上打开本程序。请同时保管好电脑账户和备份。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>CommDesk is locked</source>
        <translation>程序已锁定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Locked — {name} ({role})</source>
        <translation>已锁定 — {name}（{role}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter the password to open CommDesk.</source>
        <translation>请输入密码以打开程序。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CommDesk is locked. Enter the password to go on.</source>
        <translation>CommDesk 已锁定。请输入密码继续。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CommDesk was locked after a period without use.</source>
        <translation>程序因一段时间无人操作已锁定。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Switch user…</source>
        <translation>切换用户…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Locked on request. Enter your own password to go on, or switch user so another clerk signs in.</source>
        <translation>已按你的要求锁定。请输入你自己的密码继续使用，或者切换用户，让另一位工作人员登录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Locked after a period without use. Enter your own password to go on, or switch user so another clerk signs in.</source>
        <translation>一段时间无人操作，已自动锁定。请输入你自己的密码继续使用，或者切换用户，让另一位工作人员登录。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Wrong password ({count} failed tries). Try again.</source>
        <translation>密码不对（已错 {count} 次），请再试一次。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location line="+138"/>
        <location line="+60"/>
        <source>Start-up password</source>
        <translation>启动密码</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat it</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Remove password…</source>
        <translation>取消密码…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+63"/>
        <source>Lock after idle time</source>
        <translation>无操作后自动锁定</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Clerks sign in with their accounts and unlock with their own password.</source>
        <translation>工作人员用各自的账户登录，锁定后用自己的密码解锁。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A password is asked at start.</source>
        <translation>启动时需要输入密码。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No password.</source>
        <translation>未设置密码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change password…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set password…</source>
        <translation>设置密码…</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+9"/>
        <source>Remove password</source>
        <translation>取消密码</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../commdesk/ui/first_window.py" line="-124"/>
        <location filename="../commdesk/ui/main_window.py" line="+177"/>
        <source>Returns</source>
        <translation>报表</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../commdesk/ui/main_window.py" line="+1"/>
        <source>Consolidation</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../commdesk/ui/main_window.py" line="+2"/>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../commdesk/ui/main_window.py" line="+2"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/main_window.py" line="+111"/>
        <source>Nothing on this page to print</source>
        <translation>本页没有可打印的内容</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Cover the window until the password is given</source>
        <translation>遮住窗口，输入密码后才能继续</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set a start-up password in Settings to be able to lock CommDesk</source>
        <translation>请先在“设置”中设置启动密码，才能锁定 CommDesk</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/actions.py" line="+64"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backups and restore…</source>
        <translation>备份与恢复…</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>&amp;Import from a spreadsheet…</source>
        <translation>从表格导入(&amp;I)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export this view to Excel…</source>
        <translation>导出当前视图到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export P&amp;DF…</source>
        <translation>导出PDF(&amp;D)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Issue service certificates…</source>
        <translation>出具志愿服务记录证明…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Certificate register…</source>
        <translation>证明登记簿…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Volunteer&apos;s service record…</source>
        <translation>志愿者服务记录…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Catalogues…</source>
        <translation>目录…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accounts…</source>
        <translation>账户…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lock now</source>
        <translation>立即锁定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Switch user…</source>
        <translation>切换用户…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New record</source>
        <translation>新增记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit record (Enter)</source>
        <translation>修改记录（回车）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy rows</source>
        <translation>复制行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste rows</source>
        <translation>粘贴行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batch entry…</source>
        <translation>批量录入…</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/main_window.py" line="-40"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/actions.py" line="+2"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show deleted rows</source>
        <translation>显示已删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Columns…</source>
        <translation>显示列…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../commdesk/ui/main_window.py" line="+128"/>
        <source>About CommDesk</source>
        <translation>关于社区服务台账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About Qt</source>
        <translation>关于 Qt</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/main_window.py" line="+1"/>
        <source>CommDesk {version}
Offline ledgers and statistical returns for village and residents&apos; committees.</source>
        <translation>社区服务台账 CommDesk {version}
面向村（居）民委员会的离线台账与统计报表工具。</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/first_window.py" line="+68"/>
        <location filename="../commdesk/ui/main_window.py" line="+34"/>
        <source>CommDesk community ledgers</source>
        <translation>社区服务台账</translation>
    </message>
    <message>
        <location line="+27"/>
        <location filename="../commdesk/ui/main_window.py" line="+13"/>
        <source>{ledger}: {count} rows</source>
        <translation>{ledger}：共 {count} 条</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../commdesk/ui/main_window.py" line="+5"/>
        <source>Data folder: {path}</source>
        <translation>数据文件夹：{path}</translation>
    </message>
</context>
<context>
    <name>OverviewDashboard</name>
    <message>
        <location filename="../commdesk/returns/indicator_text.py" line="+10"/>
        <source>{period}: {records} services, {people} people served, {hours} hours; volunteers {volunteer_hours} hours</source>
        <translation>{period}：服务{records}次，{people}人次，{hours}小时；志愿服务{volunteer_hours}小时</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/overview_dashboard.py" line="+68"/>
        <source>Briefing…</source>
        <translation>简报…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Plan indicators and trends</source>
        <translation>规划指标与趋势</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The indicators could not be read: {error}</source>
        <translation>无法读取指标：{error}</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Briefing saved: {path}</source>
        <translation>简报已保存：{path}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>briefing saved as {name}</source>
        <translation>简报已保存为 {name}</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../commdesk/ui/overview_page.py" line="+60"/>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+101"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>Service records</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People served</source>
        <translation>服务人次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hours</source>
        <translation>服务时长（小时）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This year so far</source>
        <translation>本年累计</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Volunteers</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volunteer teams</source>
        <translation>志愿服务队</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Community workers</source>
        <translation>社区工作者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Facilities</source>
        <translation>服务设施</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open this ledger</source>
        <translation>打开此台账</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Services</source>
        <translation>服务情况</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ledgers</source>
        <translation>台账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returns to send now</source>
        <translation>当前应报的报表</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The figures could not be read: {error}</source>
        <translation>无法读取数据：{error}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As of {date}</source>
        <translation>截至 {date}</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/due_returns.py" line="-37"/>
        <location line="+63"/>
        <source>Prepare…</source>
        <translation>编制…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
</context>
<context>
    <name>Paper</name>
    <message>
        <location filename="../commdesk/ui/paper_print.py" line="+41"/>
        <source>Print preview: {title}</source>
        <translation>打印预览：{title}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Print: {title}</source>
        <translation>打印：{title}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The printer could not be used: {reason}</source>
        <translation>无法使用打印机：{reason}</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+14"/>
        <source>Export PDF</source>
        <translation>导出PDF</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The PDF could not be written; nothing was changed.

{reason}</source>
        <translation>无法写出 PDF 文件，未做任何更改。

{reason}</translation>
    </message>
</context>
<context>
    <name>PasteRows</name>
    <message>
        <location filename="../commdesk/ui/paste_rows.py" line="-21"/>
        <source>Nothing has been written yet. Check the rows as they will be stored, then import them; Ctrl+Z afterwards removes the whole paste.</source>
        <translation>尚未写入任何内容。请核对各行将保存的值，然后导入；导入后按 Ctrl+Z 可撤销整次粘贴。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{count} pasted rows.</source>
        <translation>共粘贴 {count} 行。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rejected rows are not written; the others can be imported without them.</source>
        <translation>被拒绝的行不会写入，其余各行可照常导入。</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+71"/>
        <source>Paste rows</source>
        <translation>粘贴行</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Rows cannot be pasted into this view.</source>
        <translation>此页面不能粘贴行。</translation>
    </message>
</context>
<context>
    <name>PeriodLock</name>
    <message>
        <location filename="../commdesk/ui/period_lock.py" line="+56"/>
        <location line="+68"/>
        <location line="+14"/>
        <source>Unlock submitted period</source>
        <translation>解锁已上报的报告期</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>The return for {periods} has been submitted (marked as handed to the township), so its records are locked.

To change them, unlock the period and give a reason. The reason is written to the audit log, and the period will show “modified, needs re-submitting” until you export and submit the return again.</source>
        <translation>{periods}的报表已上报（已标记为交给乡镇/街道），相关记录已锁定。

如需修改，请解锁该报告期并填写原因。原因会写入审计日志，在重新导出并报送报表之前，该报告期将显示“已修改，需重新上报”。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reason for the change (required):</source>
        <translation>修改原因（必填）：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. a service record from September was entered late</source>
        <translation>例如：9 月的一条服务记录补录</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Locked: the return for {periods} has been submitted. Saving a change will ask you to unlock the period and give a reason.</source>
        <translation>已锁定：{periods}的报表已上报。保存修改时将要求解锁该期并填写原因。</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../commdesk/ui/returns_period.py" line="+44"/>
        <source>Period:</source>
        <translation>报告期：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Monthly</source>
        <translation>月报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quarterly</source>
        <translation>季报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Half-yearly</source>
        <translation>半年报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annual</source>
        <translation>年报</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Month {n}</source>
        <translation>{n}月</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quarter {n}</source>
        <translation>第{n}季度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First half</source>
        <translation>上半年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second half</source>
        <translation>下半年</translation>
    </message>
</context>
<context>
    <name>Periods</name>
    <message>
        <location filename="../commdesk/domain/periods.py" line="+59"/>
        <location line="+50"/>
        <source>Unknown period type: {kind}.</source>
        <translation>未知的报告期类型：{kind}。</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>The year must be between {first} and {last}.</source>
        <translation>年份应在 {first} 至 {last} 之间。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The month must be between 1 and 12.</source>
        <translation>月份应在 1 至 12 之间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The quarter must be between 1 and 4.</source>
        <translation>季度应在 1 至 4 之间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The half-year must be 1 (first) or 2 (second).</source>
        <translation>半年应为 1（上半年）或 2（下半年）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A year period has no sub-number.</source>
        <translation>年度报告期不带序号。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cannot read “{text}” as a period. Use e.g. 2026-10, 2026Q3, 2026H1 or 2026.</source>
        <translation>无法识别报告期“{text}”。请使用如 2026-10、2026Q3、2026H1 或 2026 的写法。</translation>
    </message>
    <message>
        <location filename="../commdesk/store/services/periods.py" line="+38"/>
        <source>{periods} has been submitted and is locked.</source>
        <translation>{periods}已上报并锁定。</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>A reason is required to unlock a period.</source>
        <translation>解锁报告期须填写原因。</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <location filename="../commdesk/ui/permissions.py" line="+29"/>
        <source>Only a {role} (or higher) may do this.</source>
        <translation>只有{role}（或更高角色）可以做这件事。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{name} ({role})</source>
        <translation>{name}（{role}）</translation>
    </message>
</context>
<context>
    <name>Privacy</name>
    <message>
        <location filename="../commdesk/store/privacy.py" line="+130"/>
        <source>The password must have at least {n} characters.</source>
        <translation>密码至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+11"/>
        <source>The current password is not correct.</source>
        <translation>当前密码不正确。</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <location filename="../commdesk/ui/profile.py" line="+160"/>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The changed figures hold from:</source>
        <translation>修改的数字起始日期：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Returns of earlier periods keep the previous figures.</source>
        <translation>此日期之前各期报表仍使用原来的数字。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Not saved: check {field}.</source>
        <translation>未保存：请检查“{field}”。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Type the date from which the changed figures hold, e.g. 2026-07-01.</source>
        <translation>请填写变更后的数字从哪天起生效，例如 2026-07-01。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved. The changed figures hold from {date} on.</source>
        <translation>已保存。修改的数字自 {date} 起生效。</translation>
    </message>
</context>
<context>
    <name>ProfileWizard</name>
    <message>
        <location line="-185"/>
        <source>Welcome to CommDesk</source>
        <translation>欢迎使用社区服务台账</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your community</source>
        <translation>本社区（村）基本情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These details head every statistical return. Fields marked * are required.</source>
        <translation>这些信息将出现在每张统计报表的表头。带 * 的为必填项。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Signatories</source>
        <translation>报表签署人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed at the foot of each return. You can change them later on the Community page.</source>
        <translation>打印在每张报表的表尾，以后可在“社区信息”页面修改。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Quit CommDesk?</source>
        <translation>退出 CommDesk？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CommDesk needs the community details before it can open. Quit now? Nothing has been saved yet.</source>
        <translation>CommDesk 需要先填写社区信息才能打开。现在退出吗？尚未保存任何内容。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../commdesk/ui/translations.py" line="+36"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 File</source>
        <translation>%1 文件</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location line="-6"/>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QuickPeriods</name>
    <message>
        <location filename="../commdesk/ui/quick_periods.py" line="+16"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last quarter</source>
        <translation>上季度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last year</source>
        <translation>上年</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Fill in a common period</source>
        <translation>一键填入常用期间</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Quick…</source>
        <translation>快捷…</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../commdesk/ui/record_form.py" line="+272"/>
        <source>New record — {ledger}</source>
        <translation>新增记录 — {ledger}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit record — {ledger}</source>
        <translation>修改记录 — {ledger}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save and new</source>
        <translation>保存并新增</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Enter moves to the next field · Ctrl+S saves · Esc cancels · * required</source>
        <translation>回车跳到下一项 · Ctrl+S 保存 · Esc 取消 · * 为必填</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Saved. Enter the next record.</source>
        <translation>已保存，请录入下一条。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not saved: another clerk deleted this record while you were editing it. It can be restored from the Deleted view.</source>
        <translation>未保存：在您编辑期间，另一位工作人员删除了此记录。可在“已删除”视图中恢复。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Not saved: another clerk changed this record. Save again to compare.</source>
        <translation>未保存：另一位工作人员修改了此记录。再次保存可进行比较。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Not saved: check {field}.</source>
        <translation>未保存：请检查“{field}”。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Discard changes?</source>
        <translation>放弃修改？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This record has unsaved changes. Discard them?</source>
        <translation>这条记录有未保存的修改，确定放弃吗？</translation>
    </message>
</context>
<context>
    <name>ReturnPreview</name>
    <message>
        <location filename="../commdesk/ui/returns_preview.py" line="+250"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule</source>
        <translation>审核规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>提示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notice</source>
        <translation>提示</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(explanation needed)</source>
        <translation>（需要说明）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Click for this rule&apos;s explanation (F1)</source>
        <translation>点击查看此规则的说明（F1）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Double-click to see the records.</source>
        <translation>双击查看相关记录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Double-click to show the figure.</source>
        <translation>双击定位到该数字。</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <location filename="../commdesk/returns/definition.py" line="+321"/>
        <source>{name}: cannot read the file ({error})</source>
        <translation>{name}：无法读取文件（{error}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} is not a return definition (not valid TOML: {error})</source>
        <translation>{name} 不是报表定义文件：TOML 格式有误（{error}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name}: malformed return definition ({error})</source>
        <translation>{name}：报表定义格式有误（{error}）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} is not a return definition (no “{key}”)</source>
        <translation>{name} 不是报表定义文件（缺少“{key}”）</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+91"/>
        <location line="+74"/>
        <source>{where}, table {code}</source>
        <translation>{where}，表 {code}</translation>
    </message>
    <message>
        <location line="-158"/>
        <source>{where}: every column needs “key” and “label”</source>
        <translation>{where}：每一列都必须有“key”和“label”</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{where}: every row needs “code” and “label” (or “expand”)</source>
        <translation>{where}：每一行都必须有“code”和“label”（或“expand”）</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>{where}: id “{value}” may only use letters, digits, - and _</source>
        <translation>{where}：编号“{value}”只能使用字母、数字、- 和 _</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{where}: unknown period type “{p}”</source>
        <translation>{where}：未知的报告期类型“{p}”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{where}: table code used twice</source>
        <translation>{where}：表代码重复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}: no columns</source>
        <translation>{where}：没有任何列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}: column keys must be unique</source>
        <translation>{where}：列的“key”不能重复</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: cannot expand “{value}”</source>
        <translation>{where}：无法展开“{value}”</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{where}: row code(s) used twice: {value}</source>
        <translation>{where}：行代码重复：{value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{where}, column {key}</source>
        <translation>{where}，第 {key} 列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}: part_of “{value}” is not a column</source>
        <translation>{where}：part_of 指向的“{value}”不是本表的列</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+40"/>
        <source>{where}, row {code}</source>
        <translation>{where}，行 {code}</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>{where}: parent “{value}” is not a row of this table</source>
        <translation>{where}：上级行“{value}”不是本表的行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{where}: consolidate must be one of {value}</source>
        <translation>{where}：“consolidate”只能是以下之一：{value}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{where}: cell “{key}” is not a column</source>
        <translation>{where}：单元格“{key}”不是本表的列</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{where}: no measure for column(s) {value}</source>
        <translation>{where}：第 {value} 列没有取数规则</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{where}, rule {code}</source>
        <translation>{where}，审核规则 {code}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}: rule codes may only use letters, digits, - and _</source>
        <translation>{where}：规则代码只能使用字母、数字、- 和 _</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: rule code used twice</source>
        <translation>{where}：规则代码重复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}: level must be error or warning</source>
        <translation>{where}：“level”只能是 error（错误）或 warning（提醒）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}: unknown kind “{value}”</source>
        <translation>{where}：未知的规则类型“{value}”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: missing “check”</source>
        <translation>{where}：缺少“check”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{where}: unknown table/row {value}.{other}</source>
        <translation>{where}：未知的表或行 {value}.{other}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{where}: records rules need source service_record</source>
        <translation>{where}：逐条记录的规则必须以 service_record 为数据来源</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{where}: cannot filter on {value}</source>
        <translation>{where}：不能按 {value} 筛选</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{where}: unknown or missing source “{source}”</source>
        <translation>{where}：数据来源“{source}”未知或缺失</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{where}: unknown aggregation “{agg}”</source>
        <translation>{where}：未知的汇总方式“{agg}”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: field “{fld}” cannot be used with {agg} on {source}</source>
        <translation>{where}：字段“{fld}”不能在 {source} 上以 {agg} 方式汇总</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{where}: “value” reads the profile only</source>
        <translation>{where}：“value”只能读取社区信息</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{where}: a filter needs a source</source>
        <translation>{where}：筛选条件需要指定数据来源</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{where}: “any” lists one or more filters</source>
        <translation>{where}：“any”须列出一个或多个筛选条件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{where}: cannot filter {source} on “{key}”</source>
        <translation>{where}：{source} 不能按“{key}”筛选</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{where}: range filters use lt, le, gt, ge</source>
        <translation>{where}：范围筛选只能使用 lt、le、gt、ge</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{where}: bad expression “{expr}”: {exc}</source>
        <translation>{where}：表达式“{expr}”有误（{exc}）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{where}: unknown profile field “{b}”</source>
        <translation>{where}：未知的社区信息字段“{b}”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{where}: reference [{a}.{b}.{c}] does not exist</source>
        <translation>{where}：引用的单元格 [{a}.{b}.{c}] 不存在</translation>
    </message>
    <message>
        <location filename="../commdesk/returns/export.py" line="+67"/>
        <source>The return “{title}” is not made for periods like {period}.</source>
        <translation>报表“{title}”不适用于 {period} 这样的报告期。</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>A note must look like RULE=TEXT: {line}</source>
        <translation>说明的格式应为“规则代码=说明文字”：{line}</translation>
    </message>
    <message>
        <location filename="../commdesk/returns/library.py" line="+51"/>
        <source>No return definition with the id {id} is installed.</source>
        <translation>没有安装编号为 {id} 的报表定义。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{name}: version {version} of the return “{title}” is already installed.</source>
        <translation>{name}：报表“{title}”的 {version} 版已经安装。</translation>
    </message>
    <message>
        <location filename="../commdesk/returns/consolidate.py" line="+130"/>
        <source>{name} is one of the returns being consolidated; save the result under another name.</source>
        <translation>{name} 是参与汇总的报表之一，请用另一个文件名保存汇总结果。</translation>
    </message>
</context>
<context>
    <name>ReturnsDialogs</name>
    <message>
        <location filename="../commdesk/ui/returns_dialogs.py" line="+27"/>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Return exported</source>
        <translation>报表已导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The return was saved.</source>
        <translation>报表已保存。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
</context>
<context>
    <name>ReturnsHistory</name>
    <message>
        <location filename="../commdesk/ui/returns_history.py" line="+45"/>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Modified, needs re-submitting</source>
        <translation>已修改，需重新上报</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Period</source>
        <translation>报告期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported at</source>
        <translation>导出时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+91"/>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <location line="-90"/>
        <location line="+106"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>Mark as submitted…</source>
        <translation>标记为已上报…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record that this return was handed to the township. The period&apos;s records become read-only.</source>
        <translation>记录此报表已交给乡镇（街道），该报告期的记录将变为只读。</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>The file is no longer there (moved or deleted):
{path}</source>
        <translation>文件已不在原处（已移动或删除）：
{path}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The folder is no longer there:
{path}</source>
        <translation>文件夹已不存在：
{path}</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+18"/>
        <source>Mark as submitted</source>
        <translation>标记为已上报</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Mark the return for {period} ({file}) as submitted to the township?

Records dated in {period} will be locked. Changing one later needs an unlock with a reason, and the return must then be submitted again.</source>
        <translation>将{period}的报表（{file}）标记为已上报乡镇（街道）？

{period}内的记录将被锁定。以后修改须先填写原因解锁，并重新上报报表。</translation>
    </message>
</context>
<context>
    <name>ReturnsPage</name>
    <message>
        <location filename="../commdesk/ui/returns_page.py" line="+126"/>
        <source>Statistical returns</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import return template…</source>
        <translation>导入报表模板…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Recalculate</source>
        <translation>计算 / 刷新</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Explain warnings…</source>
        <translation>说明警告…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Unlock period…</source>
        <translation>解锁报告期…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export history</source>
        <translation>导出记录</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{title}, template version {version}</source>
        <translation>{title}，模板版本 {version}</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>No return exported for {period} yet.</source>
        <translation>{period}的报表尚未导出。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{period} last exported {time}; not yet marked as submitted.</source>
        <translation>{period}最近一次导出于 {time}，尚未标记为已上报。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{period} was submitted; its records are locked.</source>
        <translation>{period}已上报，相关记录已锁定。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{period} was unlocked and changed after submission. Export it again and hand the new return in.</source>
        <translation>{period}在上报后被解锁并修改过。请重新导出并上报新的报表。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Calculating…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Could not calculate the return: {error}</source>
        <translation>无法计算报表：{error}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Audit: {errors} errors, {warnings} warnings</source>
        <translation>审核：{errors} 个错误，{warnings} 个警告</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Export refused</source>
        <translation>不能导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The return cannot be exported until these audit problems are fixed in the ledgers or the community profile:

{issues}</source>
        <translation>请先在台账或社区信息中改正以下审核问题，然后才能导出报表：

{issues}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export return</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The return could not be written:
{error}</source>
        <translation>报表无法写入：
{error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>If the file is open in Excel or WPS, close it and try again, or choose another name.</source>
        <translation>如果该文件正在 Excel 或 WPS 中打开，请关闭后重试，或换一个文件名。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+6"/>
        <source>Import return template</source>
        <translation>导入报表模板</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Return templates (*.toml)</source>
        <translation>报表模板 (*.toml)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This file cannot be used as a return template:

{error}</source>
        <translation>此文件不能用作报表模板：

{error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Imported “{title}”, version {version}.</source>
        <translation>已导入“{title}”，版本 {version}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It is used for returns from now on.</source>
        <translation>今后的报表将使用此模板。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A newer version is already installed and stays in use.</source>
        <translation>已安装更新的版本，继续使用该版本。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It is kept with the other templates; this page shows “{title}”.</source>
        <translation>它已与其他模板一起保存；本页显示的是“{title}”。</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../commdesk/domain/roles.py" line="+28"/>
        <source>Data entry clerk</source>
        <translation>填报员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>RosterExport</name>
    <message>
        <location filename="../commdesk/ui/roster_export_dialog.py" line="+39"/>
        <location line="+50"/>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>Export the {rows} rows of the current view.</source>
        <translation>导出当前视图中的 {rows} 行。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Include full ID numbers</source>
        <translation>包含完整身份证号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ID numbers are sensitive personal information. With this ticked the file holds them in full: keep it safe and do not send it further than needed. The export is recorded in the audit log.</source>
        <translation>身份证号属于敏感个人信息。勾选后文件中将包含完整号码：请妥善保管，不要超出必要范围传送。本次导出会记入操作日志。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file could not be written; nothing was changed.

{reason}</source>
        <translation>文件无法写入，数据未作任何改动。

{reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{count} rows exported to {file}</source>
        <translation>已导出 {count} 行到 {file}</translation>
    </message>
</context>
<context>
    <name>RosterPanel</name>
    <message>
        <location filename="../commdesk/ui/consolidation_roster.py" line="+61"/>
        <source>9 digits (township), or 6 for a county</source>
        <translation>9位（乡镇、街道），县级为6位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save township</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Township / street:</source>
        <translation>乡镇（街道）：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Division code:</source>
        <translation>统计用区划代码：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Committee</source>
        <translation>村（居）委会</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Division code</source>
        <translation>统计用区划代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Committee name</source>
        <translation>村（居）委会名称</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>12-digit division code</source>
        <translation>12位统计用区划代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+98"/>
        <source>Village (村)</source>
        <translation>村</translation>
    </message>
    <message>
        <location line="-97"/>
        <location line="+98"/>
        <source>Urban (居)</source>
        <translation>居</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Signatories of the consolidated return (footer)</source>
        <translation>汇总表签署人（表尾）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unit head:</source>
        <translation>单位负责人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics head:</source>
        <translation>统计负责人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preparer:</source>
        <translation>填表人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone:</source>
        <translation>联系电话：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save signatories</source>
        <translation>保存签署人</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Township</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Township saved.</source>
        <translation>已保存乡镇（街道）信息。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Signatories saved.</source>
        <translation>签署人已保存。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Added {name}.</source>
        <translation>已添加 {name}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Removed {count} committees.</source>
        <translation>已删除 {count} 个村（居）委会。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import committees</source>
        <translation>导入村（居）委会名册</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Imported: {added} added, {updated} updated, {unchanged} unchanged.</source>
        <translation>导入完成：新增 {added} 个，更新 {updated} 个，未变 {unchanged} 个。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} rows rejected (row: reason): {rows}</source>
        <translation>{count} 行未导入（行号：原因）：{rows}</translation>
    </message>
</context>
<context>
    <name>RosterPaper</name>
    <message>
        <location filename="../commdesk/ui/roster_paper.py" line="+37"/>
        <source>Print roster</source>
        <translation>打印花名册</translation>
    </message>
</context>
<context>
    <name>Server</name>
    <message>
        <location filename="../commdesk/store/server_admin.py" line="+43"/>
        <source>The committee code {code} may hold only letters, digits and _ (e.g. its 12-digit division code).</source>
        <translation>社区代码 {code} 只能包含字母、数字和 _（例如 12 位区划代码）。</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>The role must be one of: {roles}</source>
        <translation>角色必须是以下之一：{roles}</translation>
    </message>
    <message>
        <location line="+45"/>
        <source># pg_hba.conf: committee {code}, only its clerks, TLS and SCRAM passwords (put the office network&apos;s address range):</source>
        <translation># pg_hba.conf：社区 {code}，只允许本社区工作人员，使用 TLS 和 SCRAM 密码（填写单位网络的地址段）：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source># postgresql.conf (once per server):</source>
        <translation># postgresql.conf（每台服务器设置一次）：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source># then: SELECT pg_reload_conf();  each PC joins with:</source>
        <translation># 然后执行：SELECT pg_reload_conf();  每台电脑这样加入：</translation>
    </message>
</context>
<context>
    <name>ServerAway</name>
    <message>
        <location filename="../commdesk/ui/server_away.py" line="+54"/>
        <source>The server is not available</source>
        <translation>服务器不可用</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no local copy of this server&apos;s data on this computer yet (one is saved each time CommDesk closes normally while on the server).</source>
        <translation>本机还没有这台服务器数据的副本（在服务器上工作时，每次正常关闭 CommDesk 都会保存一份）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>You can look things up in the copy saved on this computer at {time}; nothing can be changed in it.</source>
        <translation>可以打开本机于 {time} 保存的副本查阅，但不能修改。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the newest local backup (read-only)</source>
        <translation>打开最近的本机备份（只读）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Connecting to {server}…</source>
        <translation>正在连接{server}…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Read-only: the server {server} is not available; showing the backup of {time}</source>
        <translation>只读：{server} 不可用，显示 {time} 的备份</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Saving a local copy of the server&apos;s data before closing…</source>
        <translation>关闭前正在保存服务器数据的本机副本…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../commdesk/ui/settings_dialog.py" line="+51"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This data folder is outside your Windows user folder, so other accounts on this computer (or on the network) may be able to read residents&apos; ID numbers in it. Keep the data under your user folder (the default), or restrict the folder&apos;s permissions to your account.</source>
        <translation>此数据文件夹不在您的 Windows 用户文件夹内，本机（或网络上）的其他账户可能读取其中居民的身份证号。请把数据放在您的用户文件夹内（默认位置），或将该文件夹的权限限制为仅您的账户可访问。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Language and font size apply immediately; the window is rebuilt in the new language.</source>
        <translation>界面语言和字号立即生效，窗口会按新的语言重新显示。</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <location filename="../commdesk/store/server_login.py" line="+58"/>
        <source>The server asks for the password of {user}.</source>
        <translation>服务器要求输入 {user} 的密码。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server refused {user} on the database {database}: this login is not a clerk of this committee.</source>
        <translation>服务器拒绝 {user} 打开数据库 {database}：这个登录名不是本居委会的工作人员。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server refused the user name or password ({user}). Try again.</source>
        <translation>服务器拒绝了用户名或密码（{user}）。请重试。</translation>
    </message>
    <message>
        <location filename="../commdesk/ui/sign_in.py" line="+60"/>
        <source>Sign in to CommDesk</source>
        <translation>登录 CommDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in with your user name and password.</source>
        <translation>请输入你的用户名和密码登录。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This PC has no accounts: everyone uses CommDesk alike. An administrator adds accounts under File → Accounts….</source>
        <translation>本机没有账户：大家以同一身份使用 CommDesk。管理员可在“文件 → 账户…”中添加账户。</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <location filename="../commdesk/ui/single_instance.py" line="+113"/>
        <source>another CommDesk window</source>
        <translation>另一个程序窗口</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the command “{command}”</source>
        <translation>命令“{command}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>another CommDesk program</source>
        <translation>另一个程序</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>computer {host}</source>
        <translation>电脑 {host}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>user {user}</source>
        <translation>用户 {user}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>since {time}</source>
        <translation>自 {time} 起</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The data in {path} is already open in {who}.

Switch to that window, or close it first, then start CommDesk again.</source>
        <translation>{path} 中的数据已在{who}中打开。

请切换到那个窗口，或先将其关闭，再重新启动程序。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../commdesk/ui/startup.py" line="+62"/>
        <source>CommDesk cannot open the database in {path}:

{reason}</source>
        <translation>CommDesk 无法打开 {path} 中的数据库：

{reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database in {path} was made by a newer version of CommDesk ({reason}). Install the newer version to open it; nothing was changed.</source>
        <translation>{path} 中的数据库由更新版本的程序创建（{reason}）。请安装新版本后再打开；没有做任何改动。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Checking the database for damage before opening it (the last session did not close normally)…</source>
        <translation>正在打开前检查数据库是否损坏（上次未正常关闭）…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This backup cannot be restored:

{reason}</source>
        <translation>这份备份无法恢复：

{reason}</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <location filename="../commdesk/store/demo.py" line="+396"/>
        <source>The data folder already holds ledger records ({tables}); demo data goes only into an empty data folder (or replace them, which deletes them first).</source>
        <translation>数据文件夹中已有台账记录（{tables}）；演示数据只能放入空的数据文件夹（或选择替换，会先删除现有记录）。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The kind must be urban or village, not {kind}.</source>
        <translation>类型只能是居委会（urban）或村委会（village），不能是“{kind}”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The number of records must be 0 or more, not {records}.</source>
        <translation>记录条数必须是 0 或更大的整数，不能是 {records}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Division code {code}: {errors}</source>
        <translation>区划代码 {code}：{errors}</translation>
    </message>
    <message>
        <location filename="../commdesk/store/store_file.py" line="+36"/>
        <source>{name} is not a readable CommDesk database ({error})</source>
        <translation>{name} 不是可读取的 CommDesk 数据库（{error}）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The database is at schema {revision}, older than this CommDesk&apos;s {head}; it is not damaged. Opening the data folder in CommDesk, or a command that reads its records (export, import, roster, briefing, certificate), upgrades it and keeps the old file as {name}.</source>
        <translation>数据库的结构版本为 {revision}，早于本版 CommDesk 的 {head}；数据库并未损坏。用 CommDesk 打开该数据文件夹，或运行读取记录的命令（export、import、roster、briefing、certificate），即会将其升级，并把原文件保留为 {name}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The database was made by a newer or unknown CommDesk version (schema {revision}; this version knows up to {head}); it is not damaged and nothing was changed. Open it with that CommDesk version or a newer one.</source>
        <translation>该数据库由更新或未知版本的 CommDesk 创建（结构版本 {revision}；本版最高支持 {head}）；数据库并未损坏，也未做任何更改。请用该版本或更新版本的 CommDesk 打开。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} is not a CommDesk database: it holds other tables and no CommDesk schema version; it was left as it is.</source>
        <translation>{name} 不是 CommDesk 数据库：其中是其他表，没有 CommDesk 结构版本；文件保持原样，未做改动。</translation>
    </message>
    <message>
        <location filename="../commdesk/store/engine.py" line="+64"/>
        <source>The database in {path} is missing or empty, though this folder held one: restore a backup (commdesk restore FILE; backups are in {backups}).</source>
        <translation>{path} 中的数据库丢失或为空，但此文件夹原先有数据库：请恢复备份（commdesk restore 文件；备份位于 {backups}）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../commdesk/store/maintenance.py" line="+452"/>
        <location filename="../commdesk/store/transfer.py" line="+136"/>
        <source>No database in {path}</source>
        <translation>{path} 中没有数据库</translation>
    </message>
    <message>
        <location filename="../commdesk/store/lock.py" line="+45"/>
        <source>the data folder {folder} is in use by {holder}; close it there first</source>
        <translation>数据文件夹 {folder} 正被{holder}使用，请先在那里关闭</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the CommDesk window</source>
        <translation> CommDesk 窗口</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>another CommDesk program</source>
        <translation>另一个 CommDesk 程序</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>process {pid} on {host}</source>
        <translation>{host} 上的进程 {pid}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>process {pid}</source>
        <translation>进程 {pid}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>user {user}</source>
        <translation>用户 {user}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>since {time}</source>
        <translation>自 {time} 起</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>cannot create the lock file in {folder} ({error})</source>
        <translation>无法在 {folder} 中创建锁文件（{error}）</translation>
    </message>
    <message>
        <location filename="../commdesk/files.py" line="+30"/>
        <source>a folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a named pipe (FIFO)</source>
        <translation>命名管道（FIFO）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a regular file</source>
        <translation>非普通文件</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no file was named (the name is empty)</source>
        <translation>没有指定文件（文件名为空）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../commdesk/store/maintenance.py" line="-371"/>
        <source>{path} does not exist</source>
        <translation>{path} 不存在</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+15"/>
        <source>{path} is {kind}, not a file; nothing was read from it</source>
        <translation>{path} 是{kind}，不是文件；未从中读取任何内容</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{path} is larger than {mb} MB; nothing was read from it</source>
        <translation>{path} 大于 {mb} MB，未读取</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{path} is {kind}, not a file; nothing was written to it</source>
        <translation>{path} 是{kind}，不是文件；未写入任何内容</translation>
    </message>
    <message>
        <location filename="../commdesk/store/maintenance.py" line="+7"/>
        <source>{name} is not a SQLite database</source>
        <translation>{name} 不是 SQLite 数据库</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SQLite found damage in the file ({details})</source>
        <translation>SQLite 发现文件已损坏（{details}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tables missing from the database: {tables}</source>
        <translation>数据库缺少数据表：{tables}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database cannot be read ({error})</source>
        <translation>无法读取数据库（{error}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the disk is full or not writable ({error})</source>
        <translation>磁盘已满或不可写入（{error}）</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>{path} is a folder, not a database file</source>
        <translation>{path} 是文件夹，不是数据库文件</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{name} is empty (0 bytes)</source>
        <translation>{name} 是空文件（0 字节）</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>service records with a wrong search key: {count}</source>
        <translation>检索键有误的服务记录：{count} 条</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>community profile without dated counted fields (community_version)</source>
        <translation>社区信息的计数字段缺少生效日期记录（community_version）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Broken links between records: {count} (first: {first})</source>
        <translation>记录之间的关联断开：{count} 处（第一处：{first}）</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{table}.{column}: unknown codes {codes}</source>
        <translation>{table}.{column}：未知代码 {codes}</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>The backup copy failed its integrity check: {verdict}</source>
        <translation>备份副本未通过完整性检查：{verdict}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the disk is full (or the file is too large for it)</source>
        <translation>磁盘已满（或文件超出磁盘允许的大小）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the location is read-only or access is denied</source>
        <translation>该位置只读或无权访问</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../commdesk/store/services/audit_log.py" line="+432"/>
        <location filename="../commdesk/store/services/roster_export.py" line="+129"/>
        <source>the folder does not exist</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the system reports: {error}</source>
        <translation>系统提示（{error}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+6"/>
        <source>cannot write the backup to {path}: {reason}</source>
        <translation>无法把备份写入 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+61"/>
        <location filename="../commdesk/store/services/roster_export.py" line="-1"/>
        <location line="+52"/>
        <source>Cannot write {name}: {reason}</source>
        <translation>无法写入 {name}：{reason}</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>{name} is damaged: {verdict}</source>
        <translation>{name} 已损坏：{verdict}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name} is not a CommDesk database</source>
        <translation>{name} 不是 CommDesk 数据库</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} was made by a newer or unknown CommDesk version (schema {schema})</source>
        <translation>{name} 由更新或未知版本的 CommDesk 创建（结构版本 {schema}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is not a readable database ({error})</source>
        <translation>{name} 不是可读取的数据库（{error}）</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>The database file is missing or empty, though this folder held one.</source>
        <translation>数据库文件丢失或为空，但此文件夹原先有数据库。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>not a CommDesk database (no schema version)</source>
        <translation>不是 CommDesk 数据库（没有结构版本）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>made by a newer or unknown CommDesk version (schema {schema})</source>
        <translation>由更新或未知版本的 CommDesk 创建（结构版本 {schema}）</translation>
    </message>
    <message>
        <location filename="../commdesk/store/migrate.py" line="+98"/>
        <source>The database upgrade failed; the previous file was kept ({error})</source>
        <translation>数据库升级失败，已保留原文件（{error}）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The database upgrade failed; the server database is unchanged ({error})</source>
        <translation>数据库升级失败，服务器上的数据库未改动（{error}）</translation>
    </message>
    <message>
        <location filename="../commdesk/store/soundness.py" line="+40"/>
        <source>{name} cannot be read: {error}</source>
        <translation>无法读取 {name}：{error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is in use by another program (the database is locked); close it and try again. Nothing was changed.</source>
        <translation>{name} 正被另一个程序使用（数据库已锁定）；请关闭该程序后重试。未做任何更改。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the disk reported an error while reading {name} ({error}); nothing was changed</source>
        <translation>读取 {name} 时磁盘报告错误（{error}）；未做任何更改</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} or its folder cannot be opened by this account (permissions, or a read-only folder: the database needs its -wal and -shm files beside it). Nothing was changed.</source>
        <translation>当前账户无法打开 {name} 或其所在文件夹（权限不足，或文件夹只读：数据库需要在旁边创建 -wal 和 -shm 文件）。未做任何更改。</translation>
    </message>
    <message>
        <location filename="../commdesk/store/backend.py" line="+79"/>
        <source>--database is empty; give a server URL</source>
        <translation>--database 为空，请给出服务器地址</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>“{url}” is not a database URL; write postgresql+psycopg://USER@HOST/DB</source>
        <translation>“{url}”不是数据库地址，请写成 postgresql+psycopg://用户@主机/数据库</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CommDesk works with a PostgreSQL server (postgresql+psycopg://…), not “{kind}”</source>
        <translation>CommDesk 使用 PostgreSQL 服务器（postgresql+psycopg://…），不支持“{kind}”</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the driver “{driver}” is not included; write postgresql+psycopg://…</source>
        <translation>不包含驱动“{driver}”，请写成 postgresql+psycopg://…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>note: using the psycopg driver ({url})</source>
        <translation>提示：使用 psycopg 驱动（{url}）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the local server</source>
        <translation>本机服务器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the socket in {dir}</source>
        <translation>{dir} 中的套接字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>database {name} on {server}</source>
        <translation>服务器 {server} 上的数据库 {name}</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>The database server did not answer in time ({server}): {reason}</source>
        <translation>数据库服务器未及时响应（{server}）：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database server is not available ({server}): {reason}</source>
        <translation>数据库服务器无法连接（{server}）：{reason}</translation>
    </message>
    <message>
        <location filename="../commdesk/store/server_store.py" line="+45"/>
        <source>No CommDesk data in {server}</source>
        <translation>{server}中没有 CommDesk 数据</translation>
    </message>
    <message>
        <location filename="../commdesk/store/transfer.py" line="-88"/>
        <source>The copy on the server differs from this folder&apos;s data in: {tables}. Nothing was copied (the server database is still empty).</source>
        <translation>服务器上的副本与本文件夹的数据不一致：{tables}。没有复制任何数据（服务器数据库仍为空）。</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>The server database already holds data; push copies into an empty one only.</source>
        <translation>服务器数据库中已有数据；push 只能复制到空数据库。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{path} already exists</source>
        <translation>{path} 已存在</translation>
    </message>
    <message>
        <location filename="../commdesk/store/server_backups.py" line="+84"/>
        <source>The copy of the server differs in: {tables}</source>
        <translation>服务器数据副本与服务器不一致的表：{tables}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The backup {name} is from another version of CommDesk ({revision}).</source>
        <translation>备份 {name} 来自另一版本的 CommDesk（{revision}）。</translation>
    </message>
    <message>
        <location filename="../commdesk/store/server_choice.py" line="+147"/>
        <source>The server settings are not valid: {reason}</source>
        <translation>服务器设置无效：{reason}</translation>
    </message>
</context>
<context>
    <name>TownshipIndicators</name>
    <message>
        <location filename="../commdesk/ui/township_view.py" line="-166"/>
        <location line="+42"/>
        <source>Nothing consolidated yet.</source>
        <translation>尚未汇总。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{unit}, {period}: {count} committees; targets: {plan}</source>
        <translation>{unit}，{period}：{count}个村（居）委会；目标依据：{plan}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Township indicator</source>
        <translation>本级指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>规划目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Committees meeting the target</source>
        <translation>达标村（居）委会</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+37"/>
        <source>Urban (居)</source>
        <translation>城市社区（居）</translation>
    </message>
    <message>
        <location line="-36"/>
        <location line="+37"/>
        <source>Rural (村)</source>
        <translation>农村社区（村）</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Committee</source>
        <translation>村（居）委会</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>区划代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>TownshipRoster</name>
    <message>
        <location filename="../commdesk/store/services/township.py" line="+111"/>
        <source>“{code}” is not a division code of {lengths} digits.</source>
        <translation>“{code}”不是{lengths}位的统计用区划代码。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The first two digits ({province}) are not a province code.</source>
        <translation>前两位（{province}）不是省级代码。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A name is required.</source>
        <translation>请填写名称。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A name has at most 60 characters.</source>
        <translation>名称最多60个字。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>{count} committees in the roster are not under code {code} (e.g. {first}). Remove them first.</source>
        <translation>名册中有 {count} 个单位不属于代码 {code}（如 {first}），请先删除。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Unit head</source>
        <translation>单位负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics head</source>
        <translation>统计负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preparer</source>
        <translation>填表人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+54"/>
        <source>Enter the township&apos;s name and code first.</source>
        <translation>请先填写乡镇（街道）名称和代码。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Code {code} is not under the township&apos;s code {township}.</source>
        <translation>代码 {code} 不属于本乡镇（街道）代码 {township}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot tell whether “{name}” is a village (村) or urban (居).</source>
        <translation>无法判断“{name}”是村还是居，请填写类型。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Division code {code} is already in the roster.</source>
        <translation>统计用区划代码 {code} 已在名册中。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>This committee is no longer in the roster.</source>
        <translation>该村（居）委会已不在名册中。</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Cannot read {file} as an Excel workbook.</source>
        <translation>无法将 {file} 作为 Excel 工作簿读取。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No header row with a name column (名称) and a code column (统计用区划代码).</source>
        <translation>没有找到包含“名称”列和“统计用区划代码”列的表头行。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Code {code} already appears in row {row}.</source>
        <translation>代码 {code} 已在第 {row} 行出现。</translation>
    </message>
</context>
<context>
    <name>TrendCharts</name>
    <message>
        <location filename="../commdesk/ui/trend_charts.py" line="+37"/>
        <source>Services by group</source>
        <translation>各类服务次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People served by group</source>
        <translation>各类服务人次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service hours by group</source>
        <translation>各类服务时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volunteers and their hours</source>
        <translation>志愿者人数与时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Facility area per 100 households</source>
        <translation>每百户设施面积</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+49"/>
        <source>Show numbers</source>
        <translation>显示数据</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Drawing…</source>
        <translation>正在绘制…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Show chart</source>
        <translation>显示图表</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <location filename="../commdesk/ui/undo.py" line="+63"/>
        <source>Cannot undo</source>
        <translation>无法撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{reason} Undoing now would overwrite their change; edit the record.</source>
        <translation>{reason} 现在撤销会覆盖对方的修改，请直接编辑该记录。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add to {ledger}</source>
        <translation>新增{ledger}记录</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Edit in {ledger}</source>
        <translation>修改{ledger}记录</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Restore rows in {ledger}: {count}</source>
        <translation>恢复{ledger}记录 {count} 条</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete rows from {ledger}: {count}</source>
        <translation>删除{ledger}记录 {count} 条</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Paste {count} rows into {ledger}</source>
        <translation>粘贴 {count} 行到{ledger}</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Teams kept</source>
        <translation>志愿服务队已保留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The paste was undone, but these volunteer teams it created are kept because other records now name them: {teams}.</source>
        <translation>粘贴已撤销，但粘贴时新建的以下志愿服务队仍被其他记录使用，因此保留：{teams}。</translation>
    </message>
</context>
<context>
    <name>Validators</name>
    <message>
        <location filename="../commdesk/domain/records.py" line="+137"/>
        <source>Not a known team.</source>
        <translation>没有这个志愿服务队。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+41"/>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>“{value}” is not in the list.</source>
        <translation>“{value}”不在可选项中。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{value}” could mean several items: {labels}.</source>
        <translation>“{value}”可能指多个选项：{labels}。</translation>
    </message>
    <message>
        <location line="+371"/>
        <source>Activity area cannot exceed the floor area.</source>
        <translation>居民活动区域面积不能大于建筑面积。</translation>
    </message>
    <message>
        <location line="-65"/>
        <location line="+54"/>
        <source>This date is before the start date.</source>
        <translation>此日期早于开始日期。</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+3"/>
        <source>Must be greater than 0.</source>
        <translation>必须大于 0。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Counted as {count}, the named volunteers: only a service provided by volunteers or a volunteer team records unnamed ones.</source>
        <translation>按已选志愿者计为{count}人：只有服务提供方为志愿者或志愿服务队时才填写未列名的参与人数。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not entered: counted as {count} (the named volunteers, or 1 when nobody is named).</source>
        <translation>未填写：按{count}人计（已选志愿者人数；未选志愿者时计1人）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>At least {count}: the named volunteers, and never 0 when volunteers or a volunteer team provided the service.</source>
        <translation>至少为{count}：不少于已选志愿者人数；服务提供方为志愿者或志愿服务队时不能为0。</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+106"/>
        <source>Differs from the birth date in the ID number ({date}).</source>
        <translation>与身份证号中的出生日期（{date}）不一致。</translation>
    </message>
    <message>
        <location line="-97"/>
        <location line="+107"/>
        <source>Differs from the gender in the ID number.</source>
        <translation>与身份证号中的性别不一致。</translation>
    </message>
    <message>
        <location filename="../commdesk/domain/validators.py" line="+49"/>
        <source>This field is required.</source>
        <translation>此项为必填。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>This ID number was stored as a number in Excel and has lost its last digits. Format the column as Text and type the number again.</source>
        <translation>此身份证号在 Excel 中被存成了数字，末几位已丢失。请把该列设为“文本”格式后重新输入。</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+57"/>
        <location line="+18"/>
        <location line="+7"/>
        <source>This is not a valid ID number.</source>
        <translation>这不是有效的身份证号。</translation>
    </message>
    <message>
        <location line="-76"/>
        <location line="+10"/>
        <source>An ID number has 18 characters.</source>
        <translation>身份证号应为 18 位。</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Old 15-digit ID number converted to 18 digits: {id}.</source>
        <translation>已将 15 位旧身份证号转换为 18 位：{id}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>An ID number has 18 characters; this one has {count}.</source>
        <translation>身份证号应为 18 位，现在是 {count} 位。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>An ID number has 17 digits followed by a digit or X; check for typing errors.</source>
        <translation>身份证号由 17 位数字加 1 位数字或 X 组成，请检查是否输错。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The last character (check digit) does not match; check the number for typos.</source>
        <translation>最后一位（校验码）不符，请检查号码是否输错。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The birth date inside this ID number is not a real date.</source>
        <translation>身份证号中的出生日期不是有效日期。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The birth date inside this ID number is in the future.</source>
        <translation>身份证号中的出生日期晚于今天。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The birth date inside this ID number is before 1900.</source>
        <translation>身份证号中的出生日期早于 1900 年。</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Area code {code} is not in the built-in county table (it may be an old or re-coded county). Please double-check it.</source>
        <translation>地区码 {code} 不在内置的县级区划表中（可能是旧的或已调整的县区代码），请核对。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Area code {code} ({place}) is listed in the built-in county table only for {spans}, not for the birth year {year} in this ID. Please double-check it.</source>
        <translation>地区码 {code}（{place}）在内置区划表中只登记于 {spans}，不含该身份证号的出生年份 {year}，请核对。</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>A mobile number has 11 digits and starts with 13–19.</source>
        <translation>手机号码为 11 位，以 13–19 开头。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Enter an 11-digit mobile number or a landline with area code, e.g. 010-12345678.</source>
        <translation>请填写 11 位手机号码或带区号的固定电话，例如 010-12345678。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>A division code has exactly 12 digits.</source>
        <translation>统计用区划代码应为 12 位数字。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first two digits ({province}) are not a province code.</source>
        <translation>前两位（{province}）不是省级代码。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Cannot read this as a date. Use the form 2023-05-01.</source>
        <translation>无法识别为日期，请按 2023-05-01 的格式填写。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This looks like a year only; enter the full date, e.g. 2023-05-01.</source>
        <translation>这里只有年份，请填写完整日期，例如 2023-05-01。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{text} is not a real calendar date.</source>
        <translation>{text} 不是有效的日期。</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>The date {date} is earlier than {earliest}.</source>
        <translation>日期 {date} 早于 {earliest}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The date {date} is in the future.</source>
        <translation>日期 {date} 晚于今天。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Enter a number.</source>
        <translation>请填写数字。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Enter a whole number.</source>
        <translation>请填写整数。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The number cannot be negative.</source>
        <translation>不能为负数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The number must be at least {minimum}.</source>
        <translation>不能小于 {minimum}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The number must be at most {maximum}.</source>
        <translation>不能大于 {maximum}。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Too long: {length} characters, at most {limit} allowed.</source>
        <translation>太长：{length} 个字，最多 {limit} 个字。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Enter yes or no (是/否).</source>
        <translation>请填写“是”或“否”。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Enter 男 (male) or 女 (female).</source>
        <translation>请填写“男”或“女”。</translation>
    </message>
    <message>
        <location filename="../commdesk/store/services/base.py" line="+414"/>
        <source>This ID number is already entered: {name} ({id}), record {row} in {ledger}. Open that record instead of entering the person again.</source>
        <translation>该身份证号已登记：{name}（{id}），{ledger}第{row}号记录。请打开该记录修改，不要重复登记同一人。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The selected item no longer exists.</source>
        <translation>所选的项目已不存在。</translation>
    </message>
    <message>
        <location filename="../commdesk/store/services/service_records.py" line="+49"/>
        <source>A selected volunteer no longer exists.</source>
        <translation>所选的志愿者已不存在。</translation>
    </message>
</context>
<context>
    <name>VolunteersEditor</name>
    <message>
        <location filename="../commdesk/ui/field_widgets.py" line="+267"/>
        <source>Find a volunteer by name, initials or ID digits</source>
        <translation>按姓名、拼音首字母或身份证号末几位查找志愿者</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../commdesk/ui/grid_editors.py" line="+162"/>
        <source> (left)</source>
        <translation>（已退出）</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>No volunteers selected</source>
        <translation>未选择志愿者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} volunteer(s) selected</source>
        <translation>已选择 {n} 名志愿者</translation>
    </message>
</context>
</TS>
