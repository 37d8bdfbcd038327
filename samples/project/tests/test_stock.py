from app.stock import Stock


def test_add_accumulates():
    stock = Stock()
    stock.add("widget", 2)
    stock.add("widget", 3)
    assert stock.report() == "widget: 5"
