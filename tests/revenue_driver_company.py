"""Acme with segments driven by price x volume and users x ARPU, and an opex line that is a share of a segment."""
from other_company import acme, src

PRICE_ACT, PRICE_GROWTH = [2.0, 2.0, 2.5], [0.05, 0.04, 0.03, 0.02]
VOLUME_ACT, VOLUME_AMOUNTS = [50, 60, 60], [70, 80, 90, 100]
USERS_ACT, USERS_GROWTH = [10, 12, 14], [0.1, 0.1, 0.05, 0.05]
ARPU_ACT, ARPU_AMOUNTS = [4.0, 3.75, 3.9], [4.0, 4.2, 4.4, 4.6]
SALES_SHARE = [0.1, 0.11, 0.12, 0.13]


def factor(actuals, growth=None, amounts=None) -> dict:
    out = {"actuals": src(list(actuals))}  # copies: a test may edit a file's values, never these constants
    out.update({"growth": src(list(growth))} if growth is not None else {"amounts": src(list(amounts))})
    return out


def driven_company() -> dict:
    d = acme()
    robots, services = d["revenue"]["segments"]
    del robots["growth"], services["growth"]
    robots["driver"] = {"kind": "price_volume", "source": "t", "price": factor(PRICE_ACT, growth=PRICE_GROWTH),
                        "volume": factor(VOLUME_ACT, amounts=VOLUME_AMOUNTS)}
    services["driver"] = {"kind": "users_arpu", "source": "t", "scale": 1.0,
                          "users": factor(USERS_ACT, growth=USERS_GROWTH),
                          "arpu": factor(ARPU_ACT, amounts=ARPU_AMOUNTS)}
    d["opex"][0]["driver"] = {"kind": "share_of", "of": "robots", "values": list(SALES_SHARE), "source": "t"}
    return d


def expected_robots() -> list[float]:
    price, out = PRICE_ACT[-1], []
    for g, volume in zip(PRICE_GROWTH, VOLUME_AMOUNTS):
        price *= 1 + g
        out.append(price * volume)
    return out


def expected_services() -> list[float]:
    users, out = USERS_ACT[-1], []
    for g, arpu in zip(USERS_GROWTH, ARPU_AMOUNTS):
        users *= 1 + g
        out.append(users * arpu)
    return out


ROBOTS_MARGIN, SERVICES_COST = [0.4, 0.42, 0.44, 0.46], [30, 33, 36, 40]


def costed_company() -> dict:
    """Each segment with its own cost of revenue (robots by margin, services by amounts), no company margin."""
    d = driven_company()
    robots, services = d["revenue"]["segments"]
    robots["cost"] = {"actuals": src([60, 70, 85]), "gross_margin": src(list(ROBOTS_MARGIN))}
    services["cost"] = {"actuals": src([30, 30, 35]), "amounts": src(list(SERVICES_COST))}
    del d["cost_of_revenue"]["gross_margin"]
    return d


def parted_company() -> dict:
    """Robots made of two parts: arms by price x volume and parts as a share of arms; services as before."""
    d = driven_company()
    robots = d["revenue"]["segments"][0]
    driver = robots.pop("driver")
    robots.pop("actuals")
    robots["parts"] = [
        {"key": "arms", "name_zh": "机械臂", "name_en": "Arms", "actuals": src([70, 80, 100]), "driver": driver},
        {"key": "spares", "name_zh": "备件", "name_en": "Spares", "actuals": src([30, 40, 50]),
         "driver": {"kind": "share_of", "of": "arms", "values": [0.5, 0.5, 0.4, 0.4], "source": "t"}}]
    return d
