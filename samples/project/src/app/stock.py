class Stock:
    def __init__(self) -> None:
        self._items: dict[str, int] = {}

    def add(self, name: str, count: int) -> None:
        self._items[name] = self._items.get(name, 0) + count

    def report(self) -> str:
        return "\n".join(f"{name}: {count}" for name, count in sorted(self._items.items()))
