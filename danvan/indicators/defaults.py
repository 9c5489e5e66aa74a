# ruff: noqa: E501  (criteria texts are data; wrapping them would hurt reading them)
"""Default criteria sets and the seed plan's indicators, written for danvan.

There is no national scoring scale (each province issues its own), so these defaults follow the
common shape of provincial instruments — a 100-point scale in groups, Tốt/Khá/Trung bình/Yếu
thresholds, and a few pass/fail conditions — and the four groups of Luật Thực hiện dân chủ ở cơ sở
2022 (Chapter II) for communes. Coordinators adjust them before a round opens. The texts are data
shown to users as written, so they are in Vietnamese.
"""

from decimal import Decimal

from danvan.plans.choices import Comparator

from .choices import CriteriaKind, Grade, IndicatorSource, Measure, MissingPolicy

# (part title, [(code, text, guidance, max score or None for pass/fail, required)])
DAN_VAN_KHEO = [
    (
        "I. Lãnh đạo, chỉ đạo công tác dân vận",
        [
            (
                "1.1",
                "Cơ quan, đơn vị có kế hoạch riêng thực hiện công tác dân vận trong năm và triển khai đúng kế hoạch.",
                "Đủ điểm khi có kế hoạch ban hành trong quý I và có báo cáo kết quả; thiếu một trong hai thì tối đa một nửa số điểm.",
                Decimal(10),
                False,
            ),
            (
                "1.2",
                "Người đứng đầu trực tiếp tiếp công dân, đối thoại với nhân dân theo quy định.",
                "Căn cứ sổ tiếp công dân và biên bản đối thoại trong năm.",
                Decimal(10),
                False,
            ),
        ],
    ),
    (
        "II. Giải quyết kiến nghị, đơn thư của nhân dân",
        [
            (
                "2.1",
                "Khiếu nại, tố cáo, kiến nghị, phản ánh thuộc thẩm quyền được giải quyết trong thời hạn luật định.",
                "Điểm tỷ lệ thuận với số vụ việc giải quyết đúng hạn trên tổng số vụ việc thuộc thẩm quyền.",
                Decimal(15),
                False,
            ),
            (
                "2.2",
                "Trả lời đầy đủ, đúng hạn các kiến nghị của cử tri gửi đến cơ quan, đơn vị.",
                "Căn cứ văn bản trả lời kiến nghị cử tri trong năm.",
                Decimal(10),
                False,
            ),
        ],
    ),
    (
        "III. Thực hiện dân chủ trong cơ quan, đơn vị",
        [
            (
                "3.1",
                "Công khai cho cán bộ, công chức, viên chức những nội dung pháp luật yêu cầu công khai.",
                "Hình thức niêm yết, thông báo trong hội nghị hoặc trên mạng nội bộ.",
                Decimal(10),
                False,
            ),
            (
                "3.2",
                "Tổ chức hội nghị cán bộ, công chức, viên chức và lắng nghe, tiếp thu ý kiến của người lao động.",
                "Có biên bản hội nghị và văn bản tiếp thu, giải trình.",
                Decimal(10),
                False,
            ),
        ],
    ),
    (
        "IV. Phong trào thi đua “Dân vận khéo”",
        [
            (
                "4.1",
                "Đăng ký, xây dựng ít nhất một mô hình “Dân vận khéo” có kết quả kiểm chứng được.",
                "Mô hình phải có mục tiêu, lực lượng thực hiện, kết quả cụ thể và khả năng nhân rộng.",
                Decimal(15),
                False,
            ),
            (
                "4.2",
                "Tạo điều kiện để Mặt trận Tổ quốc, các đoàn thể giám sát, phản biện xã hội và tham gia xây dựng chính quyền.",
                "Căn cứ các cuộc giám sát, hội nghị phản biện có sự tham gia của cơ quan, đơn vị.",
                Decimal(10),
                False,
            ),
        ],
    ),
    (
        "V. Chế độ thông tin, báo cáo",
        [
            (
                "5.1",
                "Gửi báo cáo công tác dân vận đúng hạn và đầy đủ nội dung về Ban Dân vận.",
                "Trừ 2 điểm cho mỗi báo cáo chậm hoặc thiếu.",
                Decimal(10),
                False,
            ),
            (
                "5.2",
                "Không để xảy ra khiếu kiện đông người, kéo dài do lỗi của cơ quan, đơn vị.",
                "Điều kiện bắt buộc: nếu không đạt thì không đạt tiêu chí “Dân vận khéo” dù tổng điểm cao.",
                None,
                True,
            ),
        ],
    ),
]

GRASSROOTS_DEMOCRACY = [
    (
        "I. Công khai thông tin",
        [
            (
                "1.1",
                "Công khai đầy đủ các nội dung xã phải công khai (kế hoạch, ngân sách, đất đai, chính sách, thủ tục…).",
                "Đối chiếu danh mục nội dung phải công khai của Luật Thực hiện dân chủ ở cơ sở.",
                Decimal(20),
                False,
            ),
            (
                "1.2",
                "Công khai đúng hình thức và đúng thời hạn sau khi có quyết định.",
                "Niêm yết, trang thông tin điện tử, loa truyền thanh, qua trưởng thôn, tổ trưởng tổ dân phố.",
                Decimal(10),
                False,
            ),
        ],
    ),
    (
        "II. Nhân dân bàn và quyết định",
        [
            (
                "2.1",
                "Các việc thuộc quyền bàn và quyết định của cộng đồng được đưa ra hội nghị hoặc phát phiếu lấy ý kiến hộ gia đình.",
                "Đóng góp xây dựng công trình, quỹ cộng đồng, hương ước, quy ước, bầu trưởng thôn…",
                Decimal(15),
                False,
            ),
            (
                "2.2",
                "Kết quả bàn và quyết định được lập thành văn bản và gửi Ủy ban nhân dân, Mặt trận xã đúng hạn.",
                "Văn bản ghi rõ số hộ tham dự, nội dung, kết quả biểu quyết và chữ ký theo quy định.",
                Decimal(10),
                False,
            ),
        ],
    ),
    (
        "III. Nhân dân tham gia ý kiến",
        [
            (
                "3.1",
                "Lấy ý kiến nhân dân về các dự thảo, quy hoạch, dự án ảnh hưởng đến cộng đồng trước khi quyết định.",
                "Có kế hoạch lấy ý kiến, tổng hợp và giải trình ý kiến của nhân dân.",
                Decimal(20),
                False,
            ),
        ],
    ),
    (
        "IV. Nhân dân kiểm tra, giám sát",
        [
            (
                "4.1",
                "Ban Thanh tra nhân dân và Ban Giám sát đầu tư của cộng đồng được kiện toàn và hoạt động theo kế hoạch.",
                "Căn cứ quyết định kiện toàn, kế hoạch và báo cáo hoạt động của hai ban.",
                Decimal(15),
                False,
            ),
            (
                "4.2",
                "Kiến nghị của Ban Thanh tra nhân dân và của nhân dân qua giám sát được xem xét, trả lời.",
                "Tỷ lệ kiến nghị được trả lời trên tổng số kiến nghị.",
                Decimal(10),
                False,
            ),
            (
                "4.3",
                "Tổ chức ít nhất một hội nghị đối thoại giữa Ủy ban nhân dân xã với nhân dân trong năm.",
                "Điều kiện bắt buộc: không tổ chức đối thoại thì không xếp loại tốt.",
                None,
                True,
            ),
        ],
    ),
]

DEFAULT_SETS = {
    CriteriaKind.DAN_VAN_KHEO: {
        "name": "Tiêu chí đánh giá thực hiện phong trào thi đua “Dân vận khéo” của cơ quan, đơn vị",
        "description": "Thang điểm 100; tự chấm, cấp trên thẩm định. Đạt tiêu chí khi xếp loại từ Khá trở lên "
        "và đạt điều kiện bắt buộc.",
        "meets_min_grade": Grade.FAIR,
        "parts": DAN_VAN_KHEO,
    },
    CriteriaKind.GRASSROOTS_DEMOCRACY: {
        "name": "Tiêu chí đánh giá thực hiện dân chủ ở cơ sở (xã, phường, thị trấn)",
        "description": "Thang điểm 100 theo bốn nhóm nội dung thực hiện dân chủ ở xã; tự chấm, cấp trên thẩm định.",
        "meets_min_grade": Grade.GOOD,
        "parts": GRASSROOTS_DEMOCRACY,
    },
}

# The seed plan's indicators: the two annual ones of section II ("trên 80% …") and the yearly
# membership target.
DEFAULT_INDICATORS = [
    {
        "code": "dan-van-kheo",
        "name": "Tỷ lệ cơ quan, đơn vị thực hiện đạt tiêu chí “Dân vận khéo”",
        "description": "Số cơ quan, đơn vị đạt tiêu chí “Dân vận khéo” trong năm trên tổng số cơ quan, đơn vị "
        "thuộc diện đánh giá; đơn vị chưa được duyệt kết quả được tính là chưa đạt.",
        "kind": CriteriaKind.DAN_VAN_KHEO,
        "measure": Measure.MEETS_CRITERIA,
        "missing_policy": MissingPolicy.COUNT_AS_NOT_MET,
        "match": "dan van kheo",
    },
    {
        "code": "dan-chu-co-so",
        "name": "Tỷ lệ cơ sở thực hiện tốt quy chế dân chủ ở cơ sở",
        "description": "Số xã, phường, thị trấn xếp loại Tốt về thực hiện dân chủ ở cơ sở trên tổng số cơ sở "
        "thuộc diện đánh giá; cơ sở chưa được duyệt kết quả được tính là chưa đạt.",
        "kind": CriteriaKind.GRASSROOTS_DEMOCRACY,
        "measure": Measure.GRADE_AT_LEAST,
        "min_grade": Grade.GOOD,
        "missing_policy": MissingPolicy.COUNT_AS_NOT_MET,
        "match": "dan chu o co so",
    },
    # Kế hoạch, mục III.4: after the survey of members, "đề ra chỉ tiêu tập hợp quần chúng vào tổ chức
    # hàng năm" — the target is set every year with the survey, so it comes from the survey.
    {
        "code": "tap-hop-quan-chung",
        "name": "Tỷ lệ quần chúng trong độ tuổi được tập hợp vào các tổ chức chính trị - xã hội",
        "description": "Số người trong độ tuổi là đoàn viên, hội viên của ít nhất một tổ chức (mỗi người tính một lần) "
        "trên tổng số người trong độ tuổi, theo số liệu các đơn vị đã gửi trong đợt khảo sát đoàn viên, hội viên "
        "của năm; chỉ tiêu từng năm là chỉ tiêu do đợt khảo sát đề ra.",
        "source": IndicatorSource.MEMBERSHIP,
        "kind": "",
        "comparator": Comparator.GTE,
        "match": "tap hop",
    },
]
