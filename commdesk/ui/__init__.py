"""Qt widgets of CommDesk; everything below calls the store's services only."""
