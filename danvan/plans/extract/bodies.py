# ruff: noqa: E501  (regular expressions, lexicons and sample text read better on one line)
"""Recognizing lists of body names in running text ("Ban Dân vận Tỉnh ủy, Đảng đoàn MTTQ và các cơ quan
liên quan") and where they end (at the first verb or preposition of the predicate).

Written for the genre: a name starts with a head word (Ban, Sở, Đảng đoàn, UBND, "các sở, ban, ngành",
…); it ends where the predicate starts. Names that embed verbs ("Ban Chỉ đạo thực hiện quy chế dân chủ
ở cơ sở tỉnh", "Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh") run to their level word.
"""

import re
from dataclasses import dataclass

from .text import expand_abbreviations, fold, name_key

TOKEN = re.compile(r"\(|\)|[,;:.!?“”\"]|[^\s,;:.!?()“”\"]+")

# Capitalized heads (the first word must be written with a capital letter, as names are).
_CAP_HEADS = [
    "ban",
    "đảng đoàn",
    "đảng ủy",
    "đảng bộ",
    "sở",
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "hđnd",
    "hội đồng",
    "hội",
    "mặt trận",
    "mttq",
    "ubmttq",
    "ủy ban mttq",
    "liên đoàn",
    "lđlđ",
    "tỉnh đoàn",
    "huyện đoàn",
    "thành đoàn",
    "đoàn",
    "báo",
    "đài",
    "trường",
    "văn phòng",
    "vptu",
    "công an",
    "bộ chỉ huy",
    "bch",
    "thường trực",
    "thường vụ",
    "chính quyền",
    "tòa án",
    "viện kiểm sát",
    "cục",
    "chi cục",
    "phòng",
    "trung tâm",
    "thanh tra",
    "kho bạc",
    "ngân hàng",
    "bcs",
    "btv",
    "bdv",
    "tỉnh ủy",
    "tỉnh uỷ",
    "huyện ủy",
    "thành ủy",
    "quận ủy",
    "thị ủy",
    "cấp ủy",
    "chi bộ",
    "bộ",
    "tổng cục",
    "công đoàn",
    "ubkt",
    "chi hội",
    "hợp tác xã",
    "bệnh viện",
    "học viện",
    "quân khu",
    "bộ đội",
    "công ty",
    "tổng công ty",
    "chủ tịch",
    "giám đốc",
    "thủ trưởng",
    "người đứng đầu",
    "bí thư",
    "lãnh đạo",
    "các",
    "cơ quan",
    "tổ",
    "nhà xuất bản",
    "đại học",
    "viện",
    "hệ thống dân vận",
    "hệ thống chính trị",
    "lực lượng vũ trang",
    "cấp",
    "ủy ban kiểm tra",
]
# Heads that are not names ("Ban hành", "Hội nghị", "Báo cáo", …).
_NOT_HEADS = {
    "ban hành",
    "hội nghị",
    "hội thảo",
    "hội thi",
    "hội diễn",
    "hội chợ",
    "báo cáo",
    "trường hợp",
    "phòng chống",
    "phòng ngừa",
    "bộ máy",
    "bộ tiêu chí",
    "bộ luật",
    "đoàn kết",
    "đoàn viên",
    "sở hữu",
    "các tầng",
    "các hoạt",
    "các chương",
    "các chính",
    "các chủ",
    "các văn",
    "các nội",
    "các mô",
    "các phong",
    "các cuộc",
    "các dự",
    "các nghị",
    "các chỉ",
    "các quy",
    "các vấn",
    "các vụ",
    "các biện",
    "các giải",
    "các nhiệm",
    "các mục",
    "các tiêu",
    "các kết",
    "các thế",
    "các đối",
    "các lĩnh",
    "các dân",
    "các tôn",
    "các giai",
    "các lễ",
    "các buổi",
    "các lớp",
    "các đợt",
    "các công",
    "các khu",
    "các điểm",
    "các loại",
    "các hình",
    "các nguồn",
    "các kiến",
    "các ý",
    "các thông",
    "các sản",
    "các điều",
    "các yếu",
    "các bước",
    "các đề",
    "các tấm",
    "các gia",
    "các đồng",
    "các cá",
    "các tập",
    "các quan",
    "các mặt",
    "các ngày",
    "các năm",
    "cấp có",
    "cấp trên",
    "cấp độ",
    "các cấp chính quyền và",
    "viện dẫn",
    "bộ phận",
    "lãnh đạo,",
    "cơ quan nhà",
    "đoàn công",
    "đoàn kiểm",
    "đoàn giám",
    "tổ chức",
    "tổ công",
    "lãnh đạo các",
    "bí thư cấp",
}
_GROUP_NOUNS_AFTER_CAC = {
    "cấp",
    "sở",
    "ban",
    "ngành",
    "cơ",
    "đoàn",
    "tổ",
    "hội",
    "địa",
    "đơn",
    "huyện",
    "thành",
    "xã",
    "phường",
    "đảng",
    "chi",
    "trường",
    "bộ",
    "doanh",
    "lực",
    "ngành,",
    "ủy",
    "uỷ",
    "cơ quan",
    "đài",
    "báo",
    "hệ",
    "trung",
    "phòng",
    "bch",
    "ubnd",
    "hđnd",
    "mttq",
    "bcs",
    "btv",
    "tỉnh",
    "thị",
    "quận",
    "ấp",
    "khu",
}
# Lower-case words that, after a comma, continue a group name ("các sở, ban, ngành", "cơ quan, đơn vị").
_GROUP_CONTINUATIONS = {
    "thị",
    "thành",
    "xã",
    "phường",
    "quận",
    "huyện",
    "ban",
    "ngành",
    "đơn",
    "địa",
    "đoàn",
    "cơ",
    "tổ",
    "hội",
    "sở",
    "doanh",
    "trường",
    "mặt",
}

# Verbs that start a predicate. Multi-word entries are matched first.
VERBS = """
theo dõi|giám sát|tham mưu|tổ chức|chỉ đạo|lãnh đạo|tăng cường|tiếp tục|triển khai|thực hiện|xây dựng|nghiên cứu|
hướng dẫn|chủ trì|phối hợp|đẩy mạnh|nâng cao|tập trung|điều chỉnh|chủ động|ban hành|rà soát|kiểm tra|đôn đốc|
tuyên truyền|quán triệt|báo cáo|đề xuất|phát huy|quan tâm|bố trí|cụ thể hóa|cụ thể hoá|tiến hành|khảo sát|hỗ trợ|
vận động|tổng kết|sơ kết|lựa chọn|phân công|giải quyết|xử lý|bảo đảm|đảm bảo|tiếp nhận|chuẩn bị|dự báo|nắm|
đổi mới|biên soạn|cập nhật|giới thiệu|duy trì|củng cố|kiện toàn|phổ biến|giáo dục|đánh giá|tổng hợp|thẩm định|
trình|lập|tham gia|tạo|huy động|mở|phát động|quản lý|làm tốt|làm|có trách nhiệm|cần|phải|sẽ|đã|đang|sớm|
kịp thời|tích cực|khẩn trương|nghiêm túc|thường xuyên|định kỳ|hàng năm|hằng năm|đề ra|đưa|dành|cử|tuyển chọn|
nhân rộng|biểu dương|khen thưởng|đăng ký|phát hiện|chăm lo|ưu tiên|bồi dưỡng|tập huấn|đào tạo|xem xét|tiếp xúc|
đối thoại|tiếp dân|tiếp công dân|thông tin|phản ánh|kiến nghị|chịu trách nhiệm|là cơ quan|là đầu mối|làm đầu mối|
căn cứ|trực tiếp|thống nhất|ký|gửi|nộp|cung cấp|bổ sung|sửa đổi|vận hành|hoàn thành|hoàn thiện|phát triển|
thành lập|bầu|tiếp|đề nghị|yêu cầu|giao|lồng ghép|gắn|thẩm tra|chấp hành|sắp xếp|quy định|phê duyệt|cho ý kiến|
góp ý|phản biện|chọn|mời|đặt|viết|in|phát hành|thiết lập|khắc phục|chấn chỉnh|đổi|thay|hoàn tất|tổ chức thực hiện
""".replace("\n", "").split("|")
# Prepositions and other words that end a name without starting a predicate of the named bodies.
PREPOSITIONS = [
    "để",
    "theo",
    "trong",
    "nhằm",
    "về",
    "khi",
    "tại",
    "đối với",
    "với",
    "cho",
    "là",
    "được",
    "có",
    "thì",
    "nhưng",
    "mà",
    "bằng",
    "từ",
    "đến",
    "trên",
    "dưới",
    "sau",
    "trước",
    "qua",
    "vì",
    "do",
    "nếu",
    "như",
    "cùng",
    "của mình",
    "thuộc quyền",
]
_VERB_SET = {tuple(v.split()) for v in VERBS if v}
_PREP_SET = {tuple(p.split()) for p in PREPOSITIONS}
_MAX_PHRASE = 3
LEVEL_WORDS = {"tỉnh", "tinh", "huyện", "xã", "phường", "cấp", "trung", "tỉnh;", "thị", "quận"}
_GROUP_PATTERN = re.compile(
    r"^(?:cac |tung )|\bcac cap\b|\blien quan\b|\btruc thuoc\b|\bchuc nang\b|^(?:cap uy|chinh quyen|he thong) ",
)
MAX_NAME_TOKENS = 24


@dataclass
class Found:
    text: str
    start: int
    end: int


def _lower(token: str) -> str:
    return token.lower()


def _is_capitalized(token: str) -> bool:
    return token[:1].isupper()


def head_length(tokens: list[re.Match], i: int) -> int:
    """Number of tokens forming a name head at tokens[i], or 0."""
    if i >= len(tokens):
        return 0
    first = tokens[i].group(0)
    if not first[:1].isalpha():
        return 0
    words = [_lower(t.group(0)) for t in tokens[i : i + 4]]
    phrase2 = " ".join(words[:2])
    phrase3 = " ".join(words[:3])
    if phrase2 in _NOT_HEADS or phrase3 in _NOT_HEADS or words[0] in _NOT_HEADS:
        return 0
    if words[0] in ("các", "từng"):
        if len(words) > 1 and (
            words[1] in _GROUP_NOUNS_AFTER_CAC or phrase3.split(" ", 1)[1] in _GROUP_NOUNS_AFTER_CAC
        ):
            return 2
        return 0
    if words[0] in ("cấp", "chính", "cơ", "hệ", "lực") and not _is_capitalized(first):
        for head in (
            "cấp ủy",
            "cấp uỷ",
            "chính quyền",
            "hệ thống dân vận",
            "hệ thống chính trị",
            "lực lượng vũ trang",
        ):
            n = len(head.split())
            if len(words) >= n and " ".join(words[:n]) == head:
                return n
        return 0
    if not _is_capitalized(first):
        return 0
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[:n]) in _CAP_HEADS_SET:
            # A single capitalized "Ban"/"Hội"/… must be followed by a capitalized word or a known word.
            if n == 1 and words[0] in (
                "ban",
                "hội",
                "bộ",
                "đoàn",
                "cục",
                "phòng",
                "tổ",
                "viện",
                "trường",
                "cấp",
            ):
                nxt = tokens[i + 1].group(0) if i + 1 < len(tokens) else ""
                if not (
                    nxt[:1].isupper()
                    or _lower(nxt)
                    in {"chấp", "cán", "chỉ", "thường", "dân", "tổ", "tuyên", "nội", "đảng", "ủy", "uỷ"}
                ):
                    return 0
            return n
    # Abbreviations written in capitals (UBND, HĐND, MTTQ, BCS, …).
    if first.isupper() and len(first) >= 2 and fold(first) in _ABBR_HEADS:
        return 1
    return 0


_CAP_HEADS_SET = set(_CAP_HEADS)
_ABBR_HEADS = {
    "ubnd",
    "hdnd",
    "mttq",
    "ubmttq",
    "bcs",
    "btv",
    "bdv",
    "ldld",
    "vptu",
    "bch",
    "ubkt",
    "hlhpn",
    "hccb",
    "hnd",
    "tu",
    "bchqs",
    "ttg",
}


def _phrase_at(tokens: list[re.Match], i: int, table: set) -> int:
    for n in range(_MAX_PHRASE, 0, -1):
        words = tuple(_lower(t.group(0)) for t in tokens[i : i + n])
        if len(words) == n and words in table:
            return n
    return 0


def stop_at(tokens: list[re.Match], i: int) -> str | None:
    """'verb' when a predicate starts at tokens[i], 'prep' for a preposition, None otherwise."""
    token = tokens[i].group(0)
    if not token[:1].islower():
        return None
    if _phrase_at(tokens, i, _VERB_SET):
        return "verb"
    if _phrase_at(tokens, i, _PREP_SET):
        return "prep"
    if _lower(token) == "của":
        nxt = _lower(tokens[i + 1].group(0)) if i + 1 < len(tokens) else ""
        return None if nxt in LEVEL_WORDS or nxt in {"tỉnh", "huyện", "thành"} else "prep"
    return None


def tokenize(text: str, start: int = 0, limit: int = 400) -> list[re.Match]:
    return list(TOKEN.finditer(text, start, min(len(text), start + limit)))


def parse_names(text: str, start: int) -> tuple[list[Found], int, str | None]:
    """Parse a list of body names at text[start:]: (names, end offset, what stopped it: verb/prep/None)."""
    tokens = tokenize(text, start)
    names: list[Found] = []
    i = 0
    stop: str | None = None
    end = start
    while i < len(tokens):
        n = head_length(tokens, i)
        if not n:
            break
        item_start = tokens[i].start()
        last = i + n - 1
        i += n
        protect = _protected(tokens, item_start_index=i - n)
        count = n
        stop = None
        finished = False
        while i < len(tokens) and count < MAX_NAME_TOKENS:
            token = tokens[i].group(0)
            low = _lower(token)
            if token == "(":
                j = i
                while j < len(tokens) and tokens[j].group(0) != ")" and j - i < 15:
                    j += 1
                if j < len(tokens) and tokens[j].group(0) == ")":
                    last, i, count = j, j + 1, count + (j - i + 1)
                    continue
                finished = True
                break
            if token in (";", ".", ":", "!", "?", "“", "”", '"', ")"):
                finished = True
                break
            if token == "," or low in ("và", "cùng"):
                j = i + 1
                if token == "," and j < len(tokens) and _lower(tokens[j].group(0)) in ("và", "cùng"):
                    j += 1
                if head_length(tokens, j):
                    i = j
                    break  # next item
                if j < len(tokens):
                    nxt = tokens[j].group(0)
                    nlow = _lower(nxt)
                    continues = (
                        (
                            token == ","
                            and nlow in _GROUP_CONTINUATIONS
                            and _group_item(text, item_start, tokens[i].start())
                        )
                        or (nxt[:1].isupper() and not stop_at(tokens, j) and nlow not in _SENTENCE_WORDS)
                        or (
                            low == "và"
                            and nlow in ("cơ", "xã", "phường", "cấp", "địa")
                            and not stop_at(tokens, j)
                        )
                        or (protect and low == "," and nlow in ("giáo", "phổ", "tuyên"))
                    )
                    if continues:
                        last, i, count = j, j + 1, count + 2
                        continue
                finished = True
                break
            if protect:
                if low in LEVEL_WORDS or count >= 14:
                    protect = False
                last, i, count = i, i + 1, count + 1
                continue
            kind = stop_at(tokens, i)
            if kind and _compound(tokens, i):
                kind = None
            if (
                kind == "prep"
                and low == "được"
                and i + 1 < len(tokens)
                and _lower(tokens[i + 1].group(0)) in ("giao", "phân")
            ):
                # "Các cơ quan, đơn vị được giao nhiệm vụ trong kế hoạch tập trung …": the clause names the group.
                j = i + 1
                while j < len(tokens) and j - i < 10 and not (j > i + 3 and stop_at(tokens, j) == "verb"):
                    if tokens[j].group(0) in (",", ";", "."):
                        break
                    j += 1
                last, i, count = j - 1, j, count + (j - i)
                continue
            if kind:
                stop = kind
                finished = True
                break
            if _mid_protect(tokens, i):
                protect = True
            last, i, count = i, i + 1, count + 1
        item_end = tokens[last].end()
        names.append(Found(text[item_start:item_end], item_start, item_end))
        end = item_end
        if finished or i >= len(tokens) or count >= MAX_NAME_TOKENS:
            break
    return names, end, stop


_SENTENCE_WORDS = {"trong", "đồng", "thực", "tiếp", "tăng", "đẩy", "chỉ", "thường", "hàng", "hằng"}


_COMPOUNDS = {"đào tạo", "sáng tạo"}


def _compound(tokens: list[re.Match], i: int) -> bool:
    if i == 0:
        return False
    prev = tokens[i - 1].group(0)
    return prev[:1].isupper() and f"{_lower(prev)} {_lower(tokens[i].group(0))}" in _COMPOUNDS


def _protected(tokens: list[re.Match], item_start_index: int) -> bool:
    words = [_lower(t.group(0)) for t in tokens[item_start_index : item_start_index + 3]]
    return words[:3] == ["ban", "chỉ", "đạo"] or words[:2] == ["hội", "đồng"] or words[:2] == ["bch", "đoàn"]


def _mid_protect(tokens: list[re.Match], i: int) -> bool:
    words = [_lower(t.group(0)) for t in tokens[i : i + 3]]
    return tokens[i].group(0) in ("Ban",) and words[1:3] == ["chỉ", "đạo"]


def _group_item(text: str, item_start: int, at: int) -> bool:
    folded = fold(text[item_start:at])
    return folded.startswith(("cac ", "co quan", "tung ")) or " cac " in folded


def is_group(name: str) -> bool:
    """Generic groups ("các sở, ban, ngành", "các cấp ủy đảng", "các cơ quan liên quan") are not one body."""
    folded = fold(name)
    return bool(_GROUP_PATTERN.search(folded)) or folded in {
        "mat tran to quoc, cac doan the",
        "chinh quyen",
        "cap uy",
        "ban can su dang",
        "dang doan",
    }


def canonical(name: str) -> str:
    """Full name as the reader can give it without the registry: appositions cut, abbreviations expanded."""
    cleaned = re.sub(r"\s*[-–]\s*(?:co|cơ) quan [Tt]hường trực.*$", "", name.strip())
    cleaned = re.sub(r"\btinh\b", "tỉnh", cleaned)
    words = []
    for word in cleaned.split():
        expansion = _EXPAND_DISPLAY.get(word)
        words.append(expansion or word)
    return " ".join(words)


_EXPAND_DISPLAY = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "BCS": "Ban Cán sự",
    "BTV": "Ban Thường vụ",
    "BCH": "Ban Chấp hành",
    "LĐLĐ": "Liên đoàn Lao động",
    "VPTU": "Văn phòng Tỉnh ủy",
    "BDV": "Ban Dân vận",
    "PT-TH": "Phát thanh - Truyền hình",
    "CT-XH": "chính trị - xã hội",
    "UBKT": "Ủy ban Kiểm tra",
    "TU": "Tỉnh ủy",
    "HLHPN": "Hội Liên hiệp Phụ nữ",
}

__all__ = [
    "parse_names",
    "is_group",
    "canonical",
    "name_key",
    "expand_abbreviations",
    "Found",
    "stop_at",
    "tokenize",
]
