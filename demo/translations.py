"""Demo content: the French and Vietnamese texts of the 12th and 13th Meetings' public content
(titles, summaries, agenda items and their outcomes, speakers' positions, topics, reporting
bodies, the Action Plan 2018–2019, its areas and points, the documents' titles).

French follows the usage of the World Customs Organization (OMD) and Vietnamese that of the
General Department of Viet Nam Customs (Tổng cục Hải quan). The English text, loaded by
`demo.meetings`, stays the reference. The demonstration meeting is left in English on purpose:
its pages show how the site says that a text is not yet translated.

Each text is keyed by the natural key of what it translates (slug, position, number, the
English title of a document), and written into its `<field>_<language>` column: loading twice
changes nothing.
"""

from django.db import transaction

from action_plans.models import ActionArea, ActionPlan, ActionPoint
from documents.models import Document
from meetings.models import AgendaItem, Meeting, ReportingBody, Speaker, Topic

TWELFTH = "12th-asem-customs-dg-c-meeting"
THIRTEENTH = "13th-asem-customs-dg-c-meeting"
PLAN = "action-plan-2018-2019"

MEETINGS = {
    "fr": {
        TWELFTH: {
            "title": "12e Réunion des Directeurs généraux et Commissaires des douanes de l'ASEM",
            "summary": """\
À l'invitation du Directeur général des douanes allemandes, relevant du ministère fédéral des \
Finances, et du Directeur de la Direction générale centrale des douanes allemande, la \
12e Réunion des Directeurs généraux et Commissaires des douanes des Membres européens et \
asiatiques de la Réunion Asie-Europe (ASEM) s'est tenue à Berlin (Allemagne) les 16 et \
17 octobre 2017.

À l'ouverture de la réunion, le Secrétaire d'État parlementaire auprès du ministère fédéral \
des Finances a souhaité la bienvenue aux délégués à Berlin. Le Secrétaire général de \
l'Organisation mondiale des douanes a présenté aux délégués les derniers développements dans \
les six domaines prioritaires de l'OMD.

Les délégués ont entendu les rapports sur les travaux du Groupe de travail de l'ASEM sur les \
questions douanières et sur les échanges tenus lors des Journées Douane-Entreprises, ont \
délibéré sur huit thèmes et ont adopté un nouveau Plan d'action pour la période 2018-2019, \
composé de huit points d'action. De nouvelles actions ont été ajoutées dans les domaines du \
transit, de la gestion douanière des transactions du commerce électronique transfrontalier, \
du guichet unique, de l'automatisation et de l'évaluation intégrée des risques, ainsi que de \
la lutte contre la fraude à la frontière visant les envois postaux.

Les délégués ont remercié les hôtes allemands de leur hospitalité et de l'organisation \
irréprochable de la Réunion. La 13e Réunion des Directeurs généraux et Commissaires des \
douanes de l'ASEM se tiendra au Viet Nam en 2019.""",
        },
        THIRTEENTH: {
            "title": "13e Réunion des Directeurs généraux et Commissaires des douanes de l'ASEM",
            "summary": "Lors de la 12e Réunion, tenue à Berlin en octobre 2017, les délégués "
                       "ont été informés que la 13e Réunion se tiendrait au Viet Nam en 2019.",
        },
    },
    "vi": {
        TWELFTH: {
            "title": "Hội nghị Tổng cục trưởng Hải quan ASEM lần thứ 12",
            "summary": """\
Theo lời mời của Tổng cục trưởng Hải quan Đức thuộc Bộ Tài chính Liên bang và Cục trưởng Cục \
Hải quan Trung ương Đức, Hội nghị Tổng cục trưởng Hải quan các thành viên châu Âu và châu Á \
của Diễn đàn Hợp tác Á - Âu (ASEM) lần thứ 12 đã diễn ra tại Berlin, Cộng hòa Liên bang Đức, \
trong hai ngày 16 và 17 tháng 10 năm 2017.

Phát biểu khai mạc Hội nghị, Quốc vụ khanh Nghị viện Bộ Tài chính Liên bang Đức chào mừng các \
đại biểu đến Berlin. Tổng Thư ký Tổ chức Hải quan Thế giới đã thông tin tới các đại biểu những \
diễn biến mới nhất trong sáu lĩnh vực ưu tiên của WCO.

Các đại biểu đã nghe báo cáo về kết quả công việc của Nhóm công tác Hải quan ASEM và về nội \
dung trao đổi tại Ngày Hải quan - Doanh nghiệp, thảo luận tám chủ đề và thông qua Kế hoạch \
hành động mới giai đoạn 2018-2019 gồm tám điểm hành động. Các hành động mới được bổ sung trong \
các lĩnh vực quá cảnh, quản lý hải quan đối với giao dịch thương mại điện tử xuyên biên giới, \
Cơ chế một cửa, tự động hóa và đánh giá rủi ro tích hợp, và kiểm soát biên giới đối với bưu \
phẩm, bưu kiện.

Các đại biểu cảm ơn nước chủ nhà Đức đã đón tiếp chu đáo và tổ chức Hội nghị hoàn hảo. Hội \
nghị Tổng cục trưởng Hải quan ASEM lần thứ 13 sẽ được tổ chức tại Việt Nam vào năm 2019.""",
        },
        THIRTEENTH: {
            "title": "Hội nghị Tổng cục trưởng Hải quan ASEM lần thứ 13",
            "summary": "Tại Hội nghị lần thứ 12 tổ chức ở Berlin vào tháng 10 năm 2017, các "
                       "đại biểu được thông báo Hội nghị lần thứ 13 sẽ được tổ chức tại Việt "
                       "Nam vào năm 2019.",
        },
    },
}

# The 12th Meeting's agenda, by position.
AGENDA_12 = {
    "fr": {
        1: {"title": "Ouverture de la Réunion",
            "outcome": "A souhaité la bienvenue à Berlin à plus de 140 délégués de 45 Membres "
                       "de l'ASEM, a souligné le rôle de l'ASEM dans le renforcement des "
                       "relations entre l'Europe et l'Asie, et a insisté sur l'importance de "
                       "l'échange de bonnes pratiques et de l'harmonisation des procédures "
                       "douanières dans la lutte contre le terrorisme international. La "
                       "mondialisation et la numérisation offrent des possibilités de "
                       "croissance ; la connectivité entre les administrations des douanes "
                       "doit permettre la libre circulation des échanges et sécuriser la "
                       "chaîne logistique."},
        2: {"title": "Exposé du Secrétaire général de l'Organisation mondiale des douanes",
            "description": "Les derniers développements dans les six domaines prioritaires de "
                           "l'OMD : la facilitation des échanges, le commerce électronique, la "
                           "sécurité, la coopération entre la douane et l'administration "
                           "fiscale, les flux financiers illicites et la mesure de la "
                           "performance.",
            "outcome": "A présenté aux délégués les six domaines prioritaires de l'OMD : la "
                       "facilitation des échanges, le commerce électronique, la sécurité, la "
                       "coopération entre la douane et l'administration fiscale, les flux "
                       "financiers illicites et la mesure de la performance. A souligné la "
                       "synergie entre les activités de l'ASEM et celles de l'OMD, a invité "
                       "l'ASEM à faire connaître ses actions et ses résultats à la communauté "
                       "douanière, et a salué les nouveaux domaines de travail du Plan "
                       "d'action de l'ASEM 2018-2019."},
        3: {"title": "Rapport du Groupe de travail de l'ASEM sur les questions douanières",
            "outcome": "Les délégués ont entendu le rapport sur les travaux menés depuis la "
                       "11e Réunion."},
        4: {"title": "Rapport sur les Journées Douane-Entreprises",
            "outcome": "Les délégués ont entendu le rapport sur les échanges tenus lors des "
                       "Journées Douane-Entreprises."},
        5: {"title": "Facilitation des échanges et sécurité de la chaîne logistique"},
        6: {"title": "Lutte contre la fraude et protection de la société"},
        7: {"title": "Visibilité des activités douanières de l'ASEM"},
        8: {"title": "Adoption du Plan d'action douanier de l'ASEM 2018-2019",
            "outcome": "Les délégués ont adopté le Plan d'action 2018-2019, composé de huit "
                       "points d'action."},
        9: {"title": "Clôture de la Réunion",
            "outcome": "Les délégués ont remercié les hôtes allemands de leur hospitalité et "
                       "de l'organisation irréprochable de la Réunion. La 13e Réunion se "
                       "tiendra au Viet Nam en 2019."},
    },
    "vi": {
        1: {"title": "Khai mạc Hội nghị",
            "outcome": "Chào mừng hơn 140 đại biểu đến từ 45 thành viên ASEM tới Berlin, nhấn "
                       "mạnh vai trò của ASEM trong việc tăng cường quan hệ giữa châu Âu và "
                       "châu Á, đồng thời khẳng định việc chia sẻ kinh nghiệm thực tiễn tốt và "
                       "hài hòa hóa thủ tục hải quan có ý nghĩa quan trọng trong cuộc đấu "
                       "tranh chống khủng bố quốc tế. Toàn cầu hóa và số hóa mở ra cơ hội tăng "
                       "trưởng; sự kết nối giữa các cơ quan hải quan cần bảo đảm thương mại "
                       "lưu thông thông suốt và an ninh chuỗi cung ứng."},
        2: {"title": "Phát biểu của Tổng Thư ký Tổ chức Hải quan Thế giới",
            "description": "Những diễn biến mới nhất trong sáu lĩnh vực ưu tiên của WCO: tạo "
                           "thuận lợi thương mại, thương mại điện tử, an ninh, hợp tác hải "
                           "quan - thuế, dòng tài chính bất hợp pháp và đo lường hiệu quả hoạt "
                           "động.",
            "outcome": "Thông tin tới các đại biểu về sáu lĩnh vực ưu tiên của WCO: tạo thuận "
                       "lợi thương mại, thương mại điện tử, an ninh, hợp tác hải quan - thuế, "
                       "dòng tài chính bất hợp pháp và đo lường hiệu quả hoạt động. Nhấn mạnh "
                       "sự cộng hưởng giữa các hoạt động của ASEM và WCO, đề nghị ASEM giới "
                       "thiệu các hoạt động và kết quả của mình tới cộng đồng hải quan, và "
                       "hoan nghênh các lĩnh vực hợp tác mới trong Kế hoạch hành động ASEM "
                       "giai đoạn 2018-2019."},
        3: {"title": "Báo cáo của Nhóm công tác Hải quan ASEM",
            "outcome": "Các đại biểu đã nghe báo cáo về kết quả công việc từ Hội nghị lần thứ "
                       "11."},
        4: {"title": "Báo cáo về Ngày Hải quan - Doanh nghiệp",
            "outcome": "Các đại biểu đã nghe báo cáo về nội dung trao đổi tại Ngày Hải quan - "
                       "Doanh nghiệp."},
        5: {"title": "Tạo thuận lợi thương mại và an ninh chuỗi cung ứng"},
        6: {"title": "Chống buôn lậu, gian lận thương mại và bảo vệ xã hội"},
        7: {"title": "Quảng bá các hoạt động của Hải quan ASEM"},
        8: {"title": "Thông qua Kế hoạch hành động Hải quan ASEM giai đoạn 2018-2019",
            "outcome": "Các đại biểu đã thông qua Kế hoạch hành động giai đoạn 2018-2019 gồm "
                       "tám điểm hành động."},
        9: {"title": "Bế mạc Hội nghị",
            "outcome": "Các đại biểu cảm ơn nước chủ nhà Đức đã đón tiếp chu đáo và tổ chức "
                       "Hội nghị hoàn hảo. Hội nghị lần thứ 13 sẽ được tổ chức tại Việt Nam "
                       "vào năm 2019."},
    },
}

# The 12th Meeting's speakers, by agenda item position and order: their positions.
SPEAKERS_12 = {
    "fr": {
        (1, 1): "Secrétaire d'État parlementaire auprès du ministère fédéral des Finances",
        (2, 1): "Secrétaire général, Organisation mondiale des douanes",
    },
    "vi": {
        (1, 1): "Quốc vụ khanh Nghị viện, Bộ Tài chính Liên bang Đức",
        (2, 1): "Tổng Thư ký, Tổ chức Hải quan Thế giới",
    },
}

TOPICS = {
    "fr": {
        "authorized-economic-operator": (
            "Programmes d'opérateur économique agréé",
            "Mise en œuvre et reconnaissance mutuelle des programmes d'OEA."),
        "coordinated-border-management": (
            "Gestion coordonnée des frontières",
            "Moyens de renforcer la coopération entre les services présents à la frontière."),
        "product-safety": (
            "Sécurité des produits",
            "Contrôles douaniers des produits dangereux et non conformes."),
        "joint-customs-operations": (
            "Opérations douanières conjointes",
            "Opérations menées conjointement par les administrations des douanes de l'ASEM."),
        "passenger-name-records": (
            "Données des dossiers passagers (PNR)",
            "Utilisation des données PNR pour l'évaluation des risques par la douane."),
        "wto-trade-facilitation-agreement": (
            "Accord de l'OMC sur la facilitation des échanges",
            "Mise en œuvre de l'Accord de l'OMC sur la facilitation des échanges."),
        "ipr-enforcement": (
            "Respect des droits de propriété intellectuelle",
            "Bonnes pratiques en matière de respect des droits de propriété intellectuelle."),
        "visibility-of-asem-customs": (
            "Visibilité des activités douanières de l'ASEM",
            "Comment accroître la visibilité des activités douanières de l'ASEM."),
    },
    "vi": {
        "authorized-economic-operator": (
            "Chương trình doanh nghiệp ưu tiên (AEO)",
            "Triển khai và công nhận lẫn nhau các chương trình doanh nghiệp ưu tiên."),
        "coordinated-border-management": (
            "Quản lý biên giới phối hợp",
            "Các biện pháp tăng cường phối hợp giữa các cơ quan tại biên giới."),
        "product-safety": (
            "An toàn sản phẩm",
            "Kiểm soát hải quan đối với sản phẩm không an toàn và không phù hợp quy chuẩn."),
        "joint-customs-operations": (
            "Chiến dịch hải quan chung",
            "Các chiến dịch do các cơ quan hải quan ASEM phối hợp thực hiện."),
        "passenger-name-records": (
            "Thông tin đặt chỗ của hành khách (PNR)",
            "Sử dụng dữ liệu PNR trong đánh giá rủi ro hải quan."),
        "wto-trade-facilitation-agreement": (
            "Hiệp định Tạo thuận lợi thương mại của WTO",
            "Thực thi Hiệp định Tạo thuận lợi thương mại của WTO."),
        "ipr-enforcement": (
            "Thực thi quyền sở hữu trí tuệ",
            "Kinh nghiệm thực tiễn tốt trong thực thi quyền sở hữu trí tuệ."),
        "visibility-of-asem-customs": (
            "Quảng bá các hoạt động của Hải quan ASEM",
            "Các biện pháp nâng cao hình ảnh các hoạt động của Hải quan ASEM."),
    },
}

REPORTING_BODIES = {
    "fr": {
        "asem-working-group-customs-matters": (
            "Groupe de travail de l'ASEM sur les questions douanières",
            "Prépare les réunions des Directeurs généraux et assure le suivi du plan "
            "d'action entre elles."),
        "customs-trade-days": (
            "Journées Douane-Entreprises",
            "Dialogue entre les administrations des douanes de l'ASEM et les milieux "
            "d'affaires."),
    },
    "vi": {
        "asem-working-group-customs-matters": (
            "Nhóm công tác Hải quan ASEM",
            "Chuẩn bị các Hội nghị Tổng cục trưởng và theo dõi việc thực hiện kế hoạch hành "
            "động giữa hai kỳ Hội nghị."),
        "customs-trade-days": (
            "Ngày Hải quan - Doanh nghiệp",
            "Đối thoại giữa các cơ quan hải quan ASEM và cộng đồng doanh nghiệp."),
    },
}

ACTION_PLAN = {
    "fr": {
        "title": "Plan d'action douanier de l'ASEM 2018-2019",
        "summary": "Adopté par la 12e Réunion à l'issue de ses débats. De nouvelles actions "
                   "ont été ajoutées dans les domaines du transit, de la gestion douanière des "
                   "transactions du commerce électronique transfrontalier, du guichet unique, "
                   "de l'automatisation et de l'évaluation intégrée des risques, ainsi que de "
                   "la lutte contre la fraude à la frontière visant les envois postaux. Les "
                   "points signalés comme illustratifs sont un contenu de démonstration rédigé "
                   "dans le même esprit, et non le texte adopté.",
    },
    "vi": {
        "title": "Kế hoạch hành động Hải quan ASEM giai đoạn 2018-2019",
        "summary": "Được Hội nghị lần thứ 12 thông qua trên cơ sở kết quả thảo luận. Các hành "
                   "động mới được bổ sung trong các lĩnh vực quá cảnh, quản lý hải quan đối "
                   "với giao dịch thương mại điện tử xuyên biên giới, Cơ chế một cửa, tự động "
                   "hóa và đánh giá rủi ro tích hợp, và kiểm soát biên giới đối với bưu phẩm, "
                   "bưu kiện. Các điểm được đánh dấu minh họa là nội dung trình diễn được soạn "
                   "theo cùng tinh thần, không phải văn bản đã được thông qua.",
    },
}

ACTION_AREAS = {
    "fr": {
        "transit": "Transit",
        "cross-border-e-commerce": "Commerce électronique transfrontalier",
        "single-window": "Guichet unique",
        "automation-risk-assessment": "Automatisation et évaluation intégrée des risques",
        "postal-items": "Lutte contre la fraude visant les envois postaux",
        "aeo": "Opérateur économique agréé",
        "enforcement": "Lutte conjointe contre la fraude",
        "visibility": "Visibilité de l'ASEM Douanes",
    },
    "vi": {
        "transit": "Quá cảnh",
        "cross-border-e-commerce": "Thương mại điện tử xuyên biên giới",
        "single-window": "Cơ chế một cửa",
        "automation-risk-assessment": "Tự động hóa và đánh giá rủi ro tích hợp",
        "postal-items": "Kiểm soát biên giới đối với bưu phẩm, bưu kiện",
        "aeo": "Doanh nghiệp ưu tiên",
        "enforcement": "Phối hợp chống buôn lậu",
        "visibility": "Quảng bá Hải quan ASEM",
    },
}

ACTION_POINTS = {
    "fr": {
        1: "Partager les pratiques en matière de procédures de transit et de garanties le "
           "long du corridor Asie-Europe",
        2: "Gestion douanière des transactions du commerce électronique transfrontalier",
        3: "Échanger les expériences relatives aux environnements nationaux de guichet unique",
        4: "Automatisation et évaluation intégrée des risques liés aux mouvements de "
           "marchandises",
        5: "Lutte contre la fraude à la frontière visant les envois postaux",
        6: "Promouvoir les programmes d'OEA et leur reconnaissance mutuelle entre les "
           "partenaires de l'ASEM",
        7: "Préparer une opération douanière conjointe contre les atteintes aux droits de "
           "propriété intellectuelle et les produits dangereux",
        8: "Faire connaître à la communauté douanière les activités et les résultats de "
           "l'ASEM Douanes",
    },
    "vi": {
        1: "Chia sẻ kinh nghiệm về thủ tục quá cảnh và bảo lãnh trên hành lang Á - Âu",
        2: "Quản lý hải quan đối với giao dịch thương mại điện tử xuyên biên giới",
        3: "Trao đổi kinh nghiệm về Cơ chế một cửa quốc gia",
        4: "Tự động hóa và đánh giá rủi ro tích hợp đối với hàng hóa lưu chuyển",
        5: "Kiểm soát biên giới đối với bưu phẩm, bưu kiện",
        6: "Thúc đẩy chương trình doanh nghiệp ưu tiên và công nhận lẫn nhau giữa các đối "
           "tác ASEM",
        7: "Lập kế hoạch chiến dịch hải quan chung chống vi phạm quyền sở hữu trí tuệ và "
           "sản phẩm không an toàn",
        8: "Giới thiệu các hoạt động và kết quả của Hải quan ASEM tới cộng đồng hải quan",
    },
}

# The 12th Meeting's documents, by their English title.
DOCUMENTS = {
    "fr": {
        "Provisional agenda": "Ordre du jour provisoire",
        "ASEM Customs Action Plan 2018-2019": "Plan d'action douanier de l'ASEM 2018-2019",
        "Summary record of the 12th ASEM Customs Directors-General and Commissioners Meeting":
            "Compte rendu analytique de la 12e Réunion des Directeurs généraux et "
            "Commissaires des douanes de l'ASEM",
        "Working paper of the ASEM Working Group on Customs matters: work done since the "
        "11th Meeting": "Document de travail du Groupe de travail de l'ASEM sur les questions "
                        "douanières : travaux menés depuis la 11e Réunion",
        "Country report of Germany": "Rapport national de l'Allemagne",
        "Note of the secretariat on the organisation of the meeting":
            "Note du secrétariat sur l'organisation de la réunion",
    },
    "vi": {
        "Provisional agenda": "Chương trình nghị sự dự kiến",
        "ASEM Customs Action Plan 2018-2019": "Kế hoạch hành động Hải quan ASEM giai đoạn "
                                              "2018-2019",
        "Summary record of the 12th ASEM Customs Directors-General and Commissioners Meeting":
            "Biên bản tóm tắt Hội nghị Tổng cục trưởng Hải quan ASEM lần thứ 12",
        "Working paper of the ASEM Working Group on Customs matters: work done since the "
        "11th Meeting": "Tài liệu làm việc của Nhóm công tác Hải quan ASEM: kết quả công việc "
                        "từ Hội nghị lần thứ 11",
        "Country report of Germany": "Báo cáo quốc gia của Đức",
        "Note of the secretariat on the organisation of the meeting":
            "Ghi chú của Ban Thư ký về công tác tổ chức Hội nghị",
    },
}


def _write(obj, language, values):
    """Write `values` ({field: text}) into `obj`'s columns of `language`, saving only them."""
    columns = {f"{field}_{language}": text for field, text in values.items()}
    changed = [column for column, text in columns.items() if getattr(obj, column) != text]
    for column in changed:
        setattr(obj, column, columns[column])
    if changed:
        obj.save(update_fields=changed)
    return len(changed)


@transaction.atomic
def load_translations():
    """Write the French and Vietnamese texts of the 12th and 13th Meetings; returns how many
    texts changed (0 on a second load)."""
    changed = 0
    for language, meetings in MEETINGS.items():
        for slug, values in meetings.items():
            changed += _write(Meeting.objects.get(slug=slug), language, values)
        items = AgendaItem.objects.filter(meeting__slug=TWELFTH)
        for item in items:
            changed += _write(item, language, AGENDA_12[language].get(item.position, {}))
        for speaker in Speaker.objects.filter(agenda_item__meeting__slug=TWELFTH).select_related(
                "agenda_item"):
            position = SPEAKERS_12[language].get((speaker.agenda_item.position, speaker.order))
            if position:
                changed += _write(speaker, language, {"position": position})
        for topic in Topic.objects.filter(slug__in=TOPICS[language]):
            name, description = TOPICS[language][topic.slug]
            changed += _write(topic, language, {"name": name, "description": description})
        for body in ReportingBody.objects.filter(slug__in=REPORTING_BODIES[language]):
            name, description = REPORTING_BODIES[language][body.slug]
            changed += _write(body, language, {"name": name, "description": description})
        changed += _write(ActionPlan.objects.get(slug=PLAN), language, ACTION_PLAN[language])
        for area in ActionArea.objects.filter(slug__in=ACTION_AREAS[language]):
            changed += _write(area, language, {"name": ACTION_AREAS[language][area.slug]})
        for point in ActionPoint.objects.filter(plan__slug=PLAN):
            changed += _write(point, language, {"title": ACTION_POINTS[language][point.number]})
        for document in Document.objects.filter(meeting__slug=TWELFTH,
                                                title_en__in=DOCUMENTS[language]):
            changed += _write(document, language,
                              {"title": DOCUMENTS[language][document.title_en]})
    return changed
