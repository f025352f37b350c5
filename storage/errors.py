"""Errors the store raises; each message is Chinese text a user can act on."""


class StoreError(Exception):
    """Base class: a database problem explained for people."""


class NotADatabaseError(StoreError):
    pass


class NewerSchemaError(StoreError):
    pass


class DatabaseBusyError(StoreError):
    pass


class LockedError(StoreError):
    """An edit of a locked department-period."""

    def __init__(self, locked: list[tuple[str, str]]):
        self.locked = locked
        names = "、".join(f"{dept} {period}" for period, dept in locked)
        super().__init__(f"已锁定，不能修改：{names}。如需修改，请先由营商办解锁并说明原因。")
