"""The report's text facts taken straight from the assumptions: company, report, units, ratings, and
the assumptions themselves as the workbook embeds them."""
from __future__ import annotations

import base64
import json
import zlib

from ..labels import Words
from .view import Company, Rating, ReportInfo, Units

# zlib's default level: level 9 took 90 ms on the 50k model's 300 kB of JSON for a payload 2.6% smaller.
EMBED_LEVEL = 6


def company(a) -> Company:
    c = a.company
    return Company(c.id, Words(zh=c.name_zh, en=c.name_en), c.ticker, c.name_zh, c.name_en, _words(c.sector))


def _words(bilingual) -> Words | None:
    return None if bilingual is None else Words(zh=bilingual.zh, en=bilingual.en)


def report_info(a) -> ReportInfo:
    r = a.report
    return ReportInfo(r.date, _words(r.broker), _words(r.title), _words(r.action), _words(r.disclaimer),
                      tuple(r.analysts))


def units(a) -> Units:
    u = a.units
    return Units(u.currency, Words(zh=u.money_zh, en=u.money_en), u.market_currency, u.market_symbol,
                 u.money_zh, u.money_en)


def rating_scale(a) -> tuple[Rating, ...]:
    """Best rating first, as the cover and the summaries list them."""
    return tuple(Rating(r.zh, r.en, r.min_upside, Words(zh=r.zh, en=r.en),
                        Words(zh=r.description_zh, en=r.description_en), r.description_zh, r.description_en)
                 for r in reversed(a.valuation.rating_scale))


def embedded_payload(a) -> str:
    """The assumptions as JSON, compressed and base64-encoded: the workbook carries them so `extract`
    can rebuild them after inputs are edited."""
    data = json.dumps(a.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")
    return base64.b64encode(zlib.compress(data, EMBED_LEVEL)).decode("ascii")
