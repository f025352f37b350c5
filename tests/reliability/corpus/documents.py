"""Hostile and broken narrative reports (.docx and .txt), made at test time.

Each case is ``Document(name, file, make, words)``: ``make(path)`` writes the bad file at
``tmp/file``; ``crosscheck`` must refuse it with exit status 2 and a message holding every one of
``words`` (Chinese, naming the file and the reason).  Nothing large is committed: the bombs, the
megabyte-long sentences and the hundred thousand figures are generated here.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx

from tests.reliability.corpus.cfb import compound_file
from tests.reliability.corpus.workbooks import LAUGHS, XXE, _patch_declared_size, parts, write_parts

SENTENCE = "结案率为84.61%MARK"  # MARK: where an attack puts its entity reference
DOCUMENT = "word/document.xml"


@dataclass(frozen=True)
class Document:
    name: str
    file: str
    make: Callable[[Path], object]
    words: tuple[str, ...]


def word_file(path: Path, paragraphs: tuple[str, ...] = (SENTENCE,)) -> None:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(path)


def in_part(name: str, change: Callable[[str], str], encoding: str = "utf-8") -> Callable[[Path], None]:
    """A good report whose part ``name`` is rewritten by ``change`` (and saved in ``encoding``)."""
    def make(path: Path) -> None:
        word_file(path)
        content = parts(path)
        content[name] = change(content[name].decode("utf-8")).encode(encoding)
        write_parts(path, content)
    return make


def with_dtd(dtd: str, target: str, replacement: str, before: str = "") -> Callable[[str], str]:
    def change(xml: str) -> str:
        body = xml.split("?>", 1)[-1]
        assert target in body
        return f'<?xml version="1.0" encoding="UTF-8"?>{before}{dtd}' + body.replace(target, replacement, 1)
    return change


def utf16_without_bom(xml: str) -> str:
    return with_dtd(LAUGHS, "MARK", "&lol3;")(xml).replace('encoding="UTF-8"', 'encoding="UTF-16"')


def attribute_bomb(xml: str) -> str:
    """lxml (python-docx's parser) expands entities in attributes even with resolve_entities off."""
    return with_dtd(LAUGHS, "<w:p>", '<w:p w:rsidR="&lol3;">')(xml)


def big_document(body: Callable[[], bytes]) -> Callable[[Path], None]:
    """A report whose document body is streamed in: megabytes that zip to little."""
    def make(path: Path) -> None:
        word_file(path)
        content = parts(path)
        head, tail = content[DOCUMENT].split(b"<w:body>", 1)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for part, data in content.items():
                if part != DOCUMENT:
                    archive.writestr(part, data)
            with archive.open(DOCUMENT, "w") as stream:
                stream.write(head + b"<w:body>")
                stream.write(body())
                stream.write(tail)
    return make


def paragraphs(text: str, count: int) -> Callable[[], bytes]:
    return lambda: f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode() * count


def empty_runs(count: int) -> Callable[[], bytes]:
    return lambda: b"<w:p>" + b"<w:r/>" * count + b"</w:p>"


def declared_bomb(path: Path) -> None:
    word_file(path)
    _patch_declared_size(path, "word/styles.xml", 0xFFFF_FFF0)


def another_package(files: dict[str, bytes]) -> Callable[[Path], None]:
    return lambda path: write_parts(path, files)


def without_part(name: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        word_file(path)
        content = parts(path)
        del content[name]
        write_parts(path, content)
    return make


def text(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


REPORT = "8.执行合同指标(区法院牵头):结案28936件,结案率84.61%。\n"
DENSE = "受理案件1件"  # one figure every six characters, in one endless sentence
UNSAFE = "不安全的 XML"

DOCUMENTS = [
    # a DTD, however it is dressed: refused before python-docx drops the entities (and the text)
    Document("entity-bomb", "报告.docx", in_part(DOCUMENT, with_dtd(LAUGHS, "MARK", "&lol3;")), (UNSAFE, DOCUMENT)),
    Document("external-entity", "报告.docx", in_part(DOCUMENT, with_dtd(XXE, "MARK", "&secret;")), (UNSAFE,)),
    Document("entity-bomb-in-attribute", "报告.docx", in_part(DOCUMENT, attribute_bomb), (UNSAFE,)),
    Document("dtd-behind-element-like-comment", "报告.docx",
             in_part(DOCUMENT, with_dtd(LAUGHS, "MARK", "&lol3;", before="<!-- <x -->")), (UNSAFE,)),
    Document("dtd-in-utf16-without-bom", "报告.docx", in_part(DOCUMENT, utf16_without_bom, "utf-16-le"), (UNSAFE,)),
    Document("dtd-in-styles", "报告.docx", in_part("word/styles.xml", with_dtd(LAUGHS, "<w:styles", "<w:styles")),
             (UNSAFE, "word/styles.xml")),
    Document("dtd-in-utf32-part", "报告.docx", in_part("word/settings.xml", with_dtd(LAUGHS, "<w:settings",
                                                                                     "<w:settings"), "utf-32"),
             ("word/settings.xml", "损坏")),
    # malformed packages and parts
    Document("unknown-content-type", "报告.docx", in_part("[Content_Types].xml", lambda xml: xml.replace(
        "wordprocessingml.document.main+xml", "x-unknown+xml")), ("无法打开这个 Word 文件",)),
    Document("no-content-types", "报告.docx", without_part("[Content_Types].xml"), ("无法打开这个 Word 文件",)),
    Document("no-package-relationships", "报告.docx", without_part("_rels/.rels"), ("无法打开这个 Word 文件",)),
    Document("malformed-document-xml", "报告.docx", in_part(DOCUMENT, lambda xml: xml.replace("</w:body>", "</w:bod>")),
             ("损坏", DOCUMENT, "XML 格式错误")),
    Document("unbound-prefix", "报告.docx", in_part("docProps/core.xml", lambda xml: "<x:y/>"),
             ("损坏", "docProps/core.xml")),
    Document("nesting-3000-deep", "报告.docx", in_part("word/settings.xml", lambda xml: "<a>" * 3000 + "</a>" * 3000),
             ("嵌套",)),
    Document("truncated", "报告.docx", lambda p: (word_file(p), p.write_bytes(p.read_bytes()[:5000])),
             ("不是有效的 .docx",)),
    Document("zip-bomb-declared", "报告.docx", declared_bomb, ("解压后过大",)),
    Document("workbook-renamed", "报告.docx", another_package({"[Content_Types].xml": b"<Types/>",
                                                               "xl/workbook.xml": b"<workbook/>"}), ("Excel 工作簿",)),
    Document("odt-renamed", "报告.docx", another_package({"mimetype": b"application/vnd.oasis.opendocument.text",
                                                          "content.xml": b"<office:document-content/>"}), (".odt",)),
    Document("doc-renamed", "报告.docx", lambda p: p.write_bytes(compound_file({"WordDocument": b"\0" * 600})),
             (".doc",)),
    # sizes: what made the cross-check take gigabytes and minutes
    Document("text-past-the-limit", "报告.docx", big_document(paragraphs("各项工作稳步推进。" * 100, 300)),
             ("文字太长", "200,000")),
    Document("a-million-empty-runs", "报告.docx", big_document(empty_runs(1_100_000)), ("XML 元素过多",)),
    Document("dense-figures-docx", "报告.docx", big_document(paragraphs(DENSE * 6000, 1)), ("数字太多", "5,000")),
    Document("dense-figures-txt", "报告.txt", text((DENSE * 6000).encode()), ("数字太多",)),
    Document("text-past-the-limit-txt", "报告.txt", text(("结案" * 100_001).encode()), ("文字太长",)),
    Document("txt-over-its-byte-limit", "报告.txt", text(b"a" * 900_000), ("超过上限",)),
    # encodings: strict, by byte-order mark, never garbage
    Document("utf16-without-bom", "报告.txt", text(REPORT.encode("utf-16-le")), ("空字节", "BOM")),
    Document("utf32-without-bom", "报告.txt", text(REPORT.encode("utf-32-le")), ("空字节",)),
    Document("utf8-bom-then-invalid", "报告.txt", text(b"\xef\xbb\xbf" + REPORT.encode() + b"\xff\xfe\xfd"),
             ("无法识别文字编码", "UTF-8")),
    Document("utf16-bom-odd-length", "报告.txt", text(b"\xff\xfe" + REPORT.encode("utf-16-le") + b"\x41"),
             ("无法识别文字编码", "UTF-16")),
    Document("utf32-bom-invalid", "报告.txt", text(b"\xff\xfe\x00\x00" + b"\x00\x00\x11\x00"), ("UTF-32",)),
    Document("control-characters", "报告.txt", text(REPORT.encode() + b"\x1b[31m\x07"), ("控制字符", "U+001B")),
    Document("binary-read-as-gbk", "报告.txt", text(bytes(range(1, 9)) + "结案".encode("gbk")), ("控制字符",)),
    Document("noncharacter", "报告.txt", text((REPORT + "\uffff").encode()), ("U+FFFF",)),
]
