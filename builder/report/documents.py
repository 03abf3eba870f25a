"""The report's text facts taken straight from the assumptions: company, report, units, ratings, and
the assumptions themselves as the workbook embeds them."""
from __future__ import annotations

import base64
import json
import zlib

from ..labels import CATALOG, Words, given
from ..labels.money import CURRENCY_WORDS, money_words  # other codes keep the file's own words
from .view import Company, Rating, ReportInfo, Units

# zlib's default level: level 9 took 90 ms on the 50k model's 300 kB of JSON for a payload 2.6% smaller.
EMBED_LEVEL = 6


def company(a) -> Company:
    c = a.company
    name = given(c.name_zh, c.name_en)
    return Company(c.id, name, c.ticker, name["zh"], name["en"], _words(c.sector))


def _words(bilingual) -> Words | None:
    return None if bilingual is None else given(bilingual.zh, bilingual.en)


def report_info(a) -> ReportInfo:
    r = a.report
    return ReportInfo(r.date, _words(r.broker), _words(r.title), _words(r.action), _words(r.disclaimer),
                      tuple(r.analysts))


def units(a) -> Units:
    u = a.units
    money = money_words(u)
    market = CATALOG.get(CURRENCY_WORDS.get(u.market_currency.upper(), ""))
    symbol = Words(zh=market["zh"] if market else u.market_symbol, en=u.market_symbol)
    reporting = CATALOG.get(CURRENCY_WORDS.get(u.currency.upper(), ""))
    per_share = Words(zh=reporting["zh"] if reporting else u.currency, en=u.currency)
    return Units(u.currency, money, u.market_currency, u.market_symbol, money["zh"], money["en"], symbol,
                 per_share)



def rating_scale(a) -> tuple[Rating, ...]:
    """Best rating first, as the cover and the summaries list them."""
    out = []
    for r in reversed(a.valuation.rating_scale):
        name = given(r.zh, r.en)
        out.append(Rating(name["zh"], name["en"], r.min_upside, name,
                          given(r.description_zh, r.description_en), r.description_zh, r.description_en))
    return tuple(out)


# Optional fields added after workbooks were first embedded, by path.
LATER_OPTIONAL = (("variance",), ("market", "week52"), ("consensus",))


def _without_unset_later_fields(obj, dumped):
    """The dump without the fields a schema class lists in `embed_when_set` that the file does not set:
    fields added later, so a file that does not use them embeds (and builds) what it did before."""
    if isinstance(obj, (list, tuple)):
        return [_without_unset_later_fields(o, d) for o, d in zip(obj, dumped)]
    fields = getattr(type(obj), "model_fields", None)
    if fields is None or not isinstance(dumped, dict):
        return dumped
    later = getattr(type(obj), "embed_when_set", ())
    return {name: _without_unset_later_fields(getattr(obj, name), value) for name, value in dumped.items()
            if name not in later or name in obj.model_fields_set}


def embedded_payload(a) -> str:
    """The assumptions as JSON, compressed and base64-encoded: the workbook carries them so `extract`
    can rebuild them after inputs are edited."""
    dumped = _without_unset_later_fields(a, a.model_dump(mode="json"))
    if "languages" not in a.model_fields_set:
        del dumped["languages"]  # a file that does not choose languages embeds what it did before they existed
    for peer, out in zip(a.valuation.peers, dumped["valuation"]["peers"]):
        if "unit" not in peer.model_fields_set:
            del out["unit"]  # likewise a peer that does not state its unit (the default)
    for *parents, field in LATER_OPTIONAL:  # added later: a file without them embeds what it did before
        node = dumped
        for part in parents:
            node = node[part]
        if node.get(field) is None:
            del node[field]
    data = json.dumps(dumped, ensure_ascii=False).encode("utf-8")
    return base64.b64encode(zlib.compress(data, EMBED_LEVEL)).decode("ascii")
