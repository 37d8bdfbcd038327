"""Entry point of the inventory service."""
from app.stock import Stock


def main() -> None:
    stock = Stock()
    stock.add("widget", 12)
    print(stock.report())


if __name__ == "__main__":
    main()
