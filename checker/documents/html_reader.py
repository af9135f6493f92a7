"""Read a web page saved from a browser (.html/.htm) into paragraphs, without the site around the
article: navigation menus, the search box (请输入关键字), breadcrumbs (当前位置：首页 > …), share
buttons (分享到：微信 微博), print/close links, previous/next and related-article lists, footers
(版权所有, ICP备案号, 网站标识码).

How: the page is parsed with the standard library's html.parser into a small tree; scripts,
styles, forms and elements whose tag, class or id name site furniture (nav, menu, share, crumb,
footer, sidebar …) are dropped; every block element (p, div, h1–h6, li, td, br …) ends a line;
then a line made mostly of link text (menus, lists of other articles) or matching a known site
phrase is dropped. Headings h1–h6 become heading blocks. What remains goes through the same
normalisation as a .txt file.

The encoding is the byte-order mark, else the page's <meta charset> (gb2312/gbk read as
GB18030), else the text decoder's guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from checker.documents.encoding import decode_text
from checker.documents.normalize import normalize_text
from checker.documents.source import empty_file
from checker.models import Block, Document, Location

_DROP_TAGS = {"script", "style", "noscript", "template", "head", "iframe", "form", "input", "button", "select",
              "textarea", "nav", "footer", "aside", "svg", "canvas", "object", "embed", "audio", "video", "map"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
               "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "tbody", "thead", "blockquote", "pre", "br", "hr",
               "center", "body", "html", "figure", "figcaption", "caption"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr", "param"}
# class/id words of site furniture (matched as whole words of the name, split at - and _)
_JUNK_WORDS = {"nav", "navbar", "menu", "menus", "topbar", "toolbar", "crumb", "crumbs", "breadcrumb", "location",
               "position", "search", "sidebar", "side", "aside", "related", "relate", "share", "sharing", "print",
               "prev", "next", "prevnext", "pager", "copyright", "footer", "foot", "friendlink", "links", "login",
               "banner", "qr", "qrcode", "ewm", "comment", "comments", "hot", "recommend", "tags"}
_JUNK_PARTS = ("share", "crumb", "footer", "navbar", "sidebar", "copyright", "bdshare", "jiathis")
_JUNK_LINE = re.compile(
    r"^(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)\s*[:：]|^首页\s*[>＞»›/]|请输入(?:关键字|关键词|搜索)"
    r"|^分享到|^【?\s*(?:打印|关闭|打印本页|关闭窗口|收藏|返回顶部)\s*】?(?:\s*【.*】)*$"
    r"|^字[体号]\s*[:：]?\s*大\s*中\s*小|^(?:上一篇|下一篇)\s*[:：]|^相关(?:阅读|链接|新闻|文章)\s*[:：]?$"
    r"|版权所有|备案号|ICP备|网站标识码|主办单位\s*[:：]|承办单位\s*[:：]|技术支持\s*[:：]|^扫一扫|用手机扫描"
    r"|^今天是\s*[:：]|设为首页|加入收藏|无障碍浏览|^浏览次数\s*[:：]|^阅读次数\s*[:：]|^点击数\s*[:：]"
    r"|微信扫一扫|关注(?:该|本|我们的)?公众号|长按(?:识别)?二维码|^(?:责任)?编辑\s*[:：][^。]{0,30}$"
    r"|^来源\s*[:：][^。，,]{0,20}$|^阅读\s*\d+|^(?:点赞|在看|写留言|留言)\s*\d*$"
)
# pieces of site text inside an otherwise useful line (发布时间：… 来源：… 【字体：大 中 小】 浏览次数：356)
_JUNK_PIECE = re.compile(
    r"【\s*字[体号]\s*[:：][^】]*】|(?:浏览|阅读|点击)(?:次数|数|量)\s*[:：]\s*\d*|【\s*(?:打印|关闭|收藏)[^】]*】"
    r"|字[体号]\s*[:：]\s*\[?\s*大\s*\]?\s*\[?\s*中\s*\]?\s*\[?\s*小\s*\]?"
)
_MOSTLY_LINKS = 0.6  # a line with this share of link text is a menu or a list of other pages
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CODECS = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "utf-8": "utf-8", "utf8": "utf-8",
           "big5": "big5hkscs", "big5-hkscs": "big5hkscs"}


@dataclass
class _Line:
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    heading: int | None = None

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _PageText(HTMLParser):
    """Collects lines of visible text, skipping dropped subtrees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[_Line] = [_Line()]
        self.stack: list[tuple[str, bool]] = []  # (tag, dropped here)
        self.dropped = 0  # depth of dropped ancestors
        self.links = 0
        self.pre = 0
        self.headings: list[int] = []
        self.title: list[str] = []
        self.in_title = False

    # -- structure
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        drop = tag in _DROP_TAGS or _is_furniture(attrs)
        if tag in _BLOCK_TAGS:
            self._break()
        if tag in _VOID:
            return
        self._close_stray(tag)
        self.stack.append((tag, drop))
        self.dropped += drop
        if tag == "a":
            self.links += 1
        elif tag == "pre":
            self.pre += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
            self.lines[-1].heading = int(tag[1])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if not any(t == tag for t, _ in self.stack):
            return  # a stray end tag
        while self.stack:
            open_tag, drop = self.stack.pop()
            self.dropped -= drop
            if open_tag == "a":
                self.links -= 1
            elif open_tag == "pre":
                self.pre -= 1
            elif re.fullmatch(r"h[1-6]", open_tag) and self.headings:
                self.headings.pop()
            if open_tag == tag:
                break
        if tag in _BLOCK_TAGS:
            self._break()

    def _close_stray(self, tag: str) -> None:
        """<p> and <li> close an open one of their kind (HTML's optional end tags)."""
        if tag in ("p", "li", "td", "tr", "dt", "dd") and self.stack and self.stack[-1][0] == tag:
            self.handle_endtag(tag)

    # -- text
    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.dropped or self.in_title:
            return
        if self.pre:
            pieces = data.split("\n")
            for k, piece in enumerate(pieces):
                if k:
                    self._break()
                self._add(piece)
        else:
            self._add(re.sub(r"[ \t\r\n\f]+", " ", data))

    def _add(self, text: str) -> None:
        if not text:
            return
        line = self.lines[-1]
        line.parts.append(text)
        if self.links:
            line.link_chars += len(text.strip())
        if self.headings and line.heading is None:
            line.heading = self.headings[-1]

    def _break(self) -> None:
        if self.lines[-1].parts:
            self.lines.append(_Line(heading=self.headings[-1] if self.headings else None))


def _is_furniture(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if name in ("class", "id") and value:
            lowered = value.lower()
            words = set(re.split(r"[\s\-_]+", lowered))
            if words & _JUNK_WORDS or any(part in lowered for part in _JUNK_PARTS):
                return True
        if name == "role" and value in ("navigation", "search", "banner", "contentinfo"):
            return True
        if name == "style" and value and re.search(r"display\s*:\s*none", value, re.IGNORECASE):
            return True
    return False


def decode_html(data: bytes, path: str) -> str:
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = _CHARSET.search(data[:4096])
        codec = _CODECS.get(declared.group(1).decode("ascii").lower()) if declared else None
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass  # the declaration lies (re-saved by an editor): guess instead
    return decode_text(data, path).text


def read_html(data: bytes, path: str, sha256: str) -> Document:
    parser = _PageText()
    parser.feed(decode_html(data, path))
    parser.close()
    blocks: list[Block] = []
    for line in parser.lines:
        raw = line.text
        text = normalize_text(raw).strip()
        if not text or _mostly_links(text, line):
            continue
        text = re.sub(r"\s{2,}", " ", _JUNK_PIECE.sub(" ", text)).strip()
        if not text or _JUNK_LINE.search(text):
            continue
        kind = "heading" if line.heading else "paragraph"
        location = Location(file=path, kind="paragraph", paragraph=len(blocks) + 1)
        blocks.append(Block(kind=kind, text=text, level=line.heading, location=location))
    if not blocks:
        title = normalize_text("".join(parser.title)).strip()
        if not title:
            raise empty_file(path)
        blocks.append(Block(kind="heading", text=title, level=1,
                            location=Location(file=path, kind="paragraph", paragraph=1)))
    return Document(path=path, sha256=sha256, format="html", blocks=blocks)


def _mostly_links(text: str, line: _Line) -> bool:
    visible = len(re.sub(r"\s", "", text))
    return bool(visible) and line.link_chars / visible >= _MOSTLY_LINKS
