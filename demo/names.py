"""Invented names typical of each member's languages and scripts, for demo delegates.

Every combination is made up; any likeness to a real person is chance.

Each name is a ``(native, latin)`` pair: the name as written in the member's own script,
and its Latin transcription, or ``""`` when the native form is already in Latin script.
Where a language inflects surnames by gender, gender-neutral surnames are preferred
(e.g. Russian -енко/-ых, Czech -ů/-í, Greek genitive -ου, Latvian -e/-a) so that any
given name can be paired with any family name.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class NamePool:
    given: list[tuple[str, str]]
    family: list[tuple[str, str]]
    family_name_first: bool = False
    # Single-part names (e.g. Myanmar, some Indonesians), as (name, latin).
    one_part: list[tuple[str, str]] = ()


def _latin(*names: str) -> list[tuple[str, str]]:
    """Names already written in Latin script: no transcription needed."""
    return [(name, "") for name in names]


# code -> NamePool
NAME_POOLS = {
    # ----------------------------------------------------------------- Asia
    "AU": NamePool(
        given=_latin(
            "Olivia", "Lachlan", "Charlotte", "Liam", "Matilda", "Harrison", "Isla",
            "Declan", "Chloe",
        ),
        family=_latin(
            "Mitchell", "O'Connor", "Kelly", "Nguyen", "Campbell", "Walsh", "Patel",
            "McKenzie", "Papadakis",
        ),
    ),
    "BD": NamePool(
        given=[
            ("রাকিব", "Rakib"), ("নুসরাত", "Nusrat"), ("তানভীর", "Tanvir"),
            ("ফারহানা", "Farhana"), ("আরিফুল", "Ariful"), ("শারমিন", "Sharmin"),
            ("মেহেদী", "Mehedi"), ("সাবরিনা", "Sabrina"),
        ],
        family=[
            ("হোসেন", "Hossain"), ("রহমান", "Rahman"), ("চৌধুরী", "Chowdhury"),
            ("ইসলাম", "Islam"), ("আহমেদ", "Ahmed"), ("সরকার", "Sarkar"),
            ("তালুকদার", "Talukder"), ("মজুমদার", "Majumder"),
        ],
    ),
    "BN": NamePool(
        given=_latin(
            "Mohd Hafiz", "Nurul Aisyah", "Muhammad Aiman", "Siti Norhayati", "Azlan",
            "Nur Hazirah", "Khairul Anwar", "Norliza",
        ),
        family=_latin(
            "Haji Abdullah", "Mohd Salleh", "Ismail", "Haji Yakub", "Abdul Rahman",
            "Hamzah", "Haji Metussin", "Jaafar",
        ),
    ),
    "KH": NamePool(
        given=[
            ("សុភា", "Sophea"), ("ដារ៉ា", "Dara"), ("ចន្ថា", "Chantha"),
            ("វិសាល", "Visal"), ("សុផល", "Sophal"), ("ស្រីមុំ", "Sreymom"),
            ("ពិសិដ្ឋ", "Piseth"), ("បុប្ផា", "Bopha"),
        ],
        family=[
            ("សុខ", "Sok"), ("ចាន់", "Chan"), ("ហេង", "Heng"), ("ទេព", "Tep"),
            ("អ៊ុក", "Ouk"), ("ឈឹម", "Chhim"), ("ពៅ", "Pov"), ("ម៉ៅ", "Mao"),
        ],
        family_name_first=True,
    ),
    "CN": NamePool(
        given=[
            ("伟", "Wei"), ("秀英", "Xiuying"), ("志强", "Zhiqiang"), ("丽娟", "Lijuan"),
            ("建华", "Jianhua"), ("晓燕", "Xiaoyan"), ("海涛", "Haitao"), ("静怡", "Jingyi"),
        ],
        family=[
            ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"),
            ("陈", "Chen"), ("杨", "Yang"), ("赵", "Zhao"), ("黄", "Huang"),
        ],
        family_name_first=True,
    ),
    "IN": NamePool(
        given=[
            ("अमित", "Amit"), ("प्रिया", "Priya"), ("विकास", "Vikas"),
            ("अंजलि", "Anjali"), ("सुनील", "Sunil"), ("नेहा", "Neha"),
            ("Karthik", ""), ("Lakshmi", ""), ("Venkatesh", ""), ("Divya", ""),
        ],
        family=[
            ("शर्मा", "Sharma"), ("वर्मा", "Verma"), ("गुप्ता", "Gupta"),
            ("श्रीवास्तव", "Srivastava"), ("मिश्रा", "Mishra"), ("सिंह", "Singh"),
            ("Iyer", ""), ("Nair", ""), ("Reddy", ""), ("Pillai", ""),
        ],
    ),
    "ID": NamePool(
        given=_latin(
            "Dewi", "Agus", "Ratna", "Hendra", "Siti", "Fajar", "Wulan", "Rizky", "Putri",
        ),
        family=_latin(
            "Santoso", "Wijaya", "Kusuma", "Pratama", "Hidayat", "Saputra", "Lestari",
            "Siregar", "Simanjuntak",
        ),
        one_part=_latin(
            "Sumarni", "Suparman", "Wahyudi", "Sulastri", "Haryanto", "Suwarni",
            "Darmaji",
        ),
    ),
    "JP": NamePool(
        given=[
            ("健太", "Kenta"), ("由美子", "Yumiko"), ("浩", "Hiroshi"), ("美咲", "Misaki"),
            ("大輔", "Daisuke"), ("直子", "Naoko"), ("翔太", "Shota"), ("恵", "Megumi"),
        ],
        family=[
            ("佐藤", "Sato"), ("鈴木", "Suzuki"), ("高橋", "Takahashi"),
            ("田中", "Tanaka"), ("渡辺", "Watanabe"), ("伊藤", "Ito"),
            ("山本", "Yamamoto"), ("中村", "Nakamura"),
        ],
        family_name_first=True,
    ),
    "KZ": NamePool(
        given=[
            ("Айгерім", "Aigerim"), ("Нұрлан", "Nurlan"), ("Дәурен", "Dauren"),
            ("Гүлнар", "Gulnar"), ("Ерлан", "Yerlan"), ("Сәуле", "Saule"),
            ("Бауыржан", "Bauyrzhan"), ("Динара", "Dinara"),
        ],
        # Suffix-less surnames, used alike by men and women.
        family=[
            ("Жұмабай", "Zhumabai"), ("Сәрсенбай", "Sarsenbai"), ("Оспан", "Ospan"),
            ("Қасым", "Kassym"), ("Серікбай", "Serikbai"), ("Төлеген", "Tolegen"),
            ("Ким", "Kim"), ("Ахмет", "Akhmet"),
        ],
    ),
    "KR": NamePool(
        given=[
            ("민준", "Min-jun"), ("서연", "Seo-yeon"), ("지훈", "Ji-hoon"),
            ("수진", "Su-jin"), ("현우", "Hyun-woo"), ("은지", "Eun-ji"),
            ("동현", "Dong-hyun"), ("혜진", "Hye-jin"),
        ],
        family=[
            ("김", "Kim"), ("이", "Lee"), ("박", "Park"), ("최", "Choi"),
            ("정", "Jung"), ("강", "Kang"), ("조", "Cho"), ("윤", "Yoon"),
        ],
        family_name_first=True,
    ),
    "LA": NamePool(
        given=[
            ("ສົມພອນ", "Somphone"), ("ບຸນມີ", "Bounmy"), ("ຄຳແພງ", "Khamphaeng"),
            ("ວັນນາ", "Vanna"), ("ສຸລິຍາ", "Souliya"), ("ພອນສະຫວັນ", "Phonesavanh"),
            ("ແສງຈັນ", "Sengchanh"), ("ມະນີວອນ", "Manivone"),
        ],
        family=[
            ("ພົມມະຈັນ", "Phommachanh"), ("ສີສຸວັນ", "Sisouvanh"),
            ("ແກ້ວມະນີ", "Keomany"), ("ວົງສະຫວັນ", "Vongsavanh"),
            ("ອິນທະວົງ", "Inthavong"), ("ດວງມາລາ", "Douangmala"),
            ("ສຸລິວົງ", "Soulivong"),
        ],
    ),
    "MY": NamePool(
        given=_latin(
            "Ahmad Faizal", "Nur Syafiqah", "Mohd Azrul", "Siti Khadijah", "Amirul",
            "Farah Nadia", "Wei Ling", "Chee Keong", "Kavitha", "Saravanan",
        ),
        family=_latin(
            "Abdullah", "Ismail", "Rahman", "Hassan", "Othman", "Yusof", "Tan", "Lim",
            "Subramaniam",
        ),
    ),
    "MN": NamePool(
        given=[
            ("Болормаа", "Bolormaa"), ("Ганзориг", "Ganzorig"),
            ("Сарантуяа", "Sarantuya"), ("Мөнх-Эрдэнэ", "Munkh-Erdene"),
            ("Оюунчимэг", "Oyunchimeg"), ("Батхуяг", "Batkhuyag"),
            ("Энхжаргал", "Enkhjargal"), ("Тэмүүлэн", "Temuulen"),
        ],
        # Patronymics (father's name in the genitive).
        family=[
            ("Баатарын", "Baataryn"), ("Ганбаатарын", "Ganbaataryn"),
            ("Цэрэнгийн", "Tserengiin"), ("Дашдоржийн", "Dashdorjiin"),
            ("Эрдэнэбатын", "Erdenebatyn"), ("Мөнхбатын", "Munkhbatyn"),
            ("Оюунбилэгийн", "Oyunbilegiin"), ("Батсүхийн", "Batsukhiin"),
        ],
        family_name_first=True,
    ),
    "MM": NamePool(
        # Myanmar names have no family name; the parts below combine into
        # plausible names, but whole one-part names are preferred.
        given=[
            ("အောင်", "Aung"), ("ခင်", "Khin"), ("ဇော်", "Zaw"), ("နှင်း", "Hnin"),
            ("မျိုး", "Myo"), ("ဆု", "Su"), ("ဝေယံ", "Wai Yan"), ("နန္ဒာ", "Nandar"),
        ],
        family=[
            ("ကိုကို", "Ko Ko"), ("မာဝင်း", "Mar Win"), ("ထက်အောင်", "Htet Aung"),
            ("ဦး", "Oo"), ("မင်းသူ", "Min Thu"), ("မြတ်နိုး", "Myat Noe"),
            ("ဇင်ထွန်း", "Zin Htun"), ("ကျော်", "Kyaw"),
        ],
        one_part=[
            ("အောင်ကိုကို", "Aung Ko Ko"), ("ခင်မာဝင်း", "Khin Mar Win"),
            ("ဇော်ဝင်းနိုင်", "Zaw Win Naing"), ("နှင်းဝေဖြိုး", "Hnin Wai Phyo"),
            ("မျိုးမင်းသူ", "Myo Min Thu"), ("နီလာဝင်း", "Nilar Win"),
            ("ဆုမြတ်နိုး", "Su Myat Noe"), ("ဝေယံအောင်", "Wai Yan Aung"),
            ("ကျော်ဇင်ထွန်း", "Kyaw Zin Htun"),
        ],
    ),
    "NZ": NamePool(
        given=_latin(
            "Aroha", "Tāne", "Ngaio", "Wiremu", "Mere", "Liam", "Sophie", "Hamish",
            "Hannah",
        ),
        family=_latin(
            "Te Aho", "Walker", "Parata", "Thompson", "Tipene", "Reid", "Hēnare",
            "Wilson-Tūhoe",
        ),
    ),
    "PK": NamePool(
        given=_latin(
            "Ayesha", "Bilal", "Fatima", "Usman", "Hira", "Faisal", "Sana", "Kamran",
            "Zainab",
        ),
        family=_latin(
            "Qureshi", "Malik", "Butt", "Chaudhry", "Siddiqui", "Shah", "Mirza",
            "Abbasi",
        ),
    ),
    "PH": NamePool(
        given=_latin(
            "Maria Cristina", "Jose Miguel", "Ana Liza", "Mark Anthony", "Kristine Joy",
            "Rodel", "Mariel", "Jerome", "Rhea",
        ),
        family=_latin(
            "Dela Cruz", "Santos", "Reyes", "Bautista", "Villanueva", "Mendoza",
            "Ocampo", "Macaraeg", "Dimaculangan",
        ),
    ),
    "RU": NamePool(
        given=[
            ("Алексей", "Aleksei"), ("Екатерина", "Yekaterina"), ("Дмитрий", "Dmitry"),
            ("Ольга", "Olga"), ("Сергей", "Sergei"), ("Наталья", "Natalia"),
            ("Андрей", "Andrei"), ("Татьяна", "Tatiana"), ("Алёна", "Alyona"),
        ],
        # Surnames that do not change with gender.
        family=[
            ("Кравченко", "Kravchenko"), ("Черных", "Chernykh"), ("Белых", "Belykh"),
            ("Седых", "Sedykh"), ("Бондаренко", "Bondarenko"), ("Долгих", "Dolgikh"),
            ("Ткаченко", "Tkachenko"), ("Лысенко", "Lysenko"),
        ],
    ),
    "SG": NamePool(
        given=_latin(
            "Wei Ming", "Hui Min", "Jun Jie", "Xin Yi", "Kok Wai", "Mei Ling",
            "Zhi Hao", "Shu Fen",
        ),
        family=_latin("Tan", "Lim", "Ng", "Goh", "Chua", "Teo", "Ong", "Koh"),
        family_name_first=True,
    ),
    "TH": NamePool(
        given=[
            ("สมชาย", "Somchai"), ("นภาพร", "Naphaphon"), ("ธนากร", "Thanakorn"),
            ("วิไลวรรณ", "Wilaiwan"), ("ประเสริฐ", "Prasert"), ("กาญจนา", "Kanchana"),
            ("อนุชา", "Anucha"), ("ปิยะนุช", "Piyanut"),
        ],
        family=[
            ("ศรีสุข", "Srisuk"), ("แก้วมณี", "Kaewmanee"), ("บุญมี", "Boonmee"),
            ("ทองดี", "Thongdee"), ("รัตนพันธ์", "Rattanaphan"),
            ("สุวรรณรัตน์", "Suwannarat"), ("พงษ์พานิช", "Phongphanit"),
            ("จันทร์หอม", "Chanhom"),
        ],
    ),
    "VN": NamePool(
        given=[
            ("Thị Thu Hà", "Thi Thu Ha"), ("Văn Hùng", "Van Hung"),
            ("Minh Tuấn", "Minh Tuan"), ("Thị Lan Anh", "Thi Lan Anh"),
            ("Đức Thắng", "Duc Thang"), ("Thị Ngọc Hân", "Thi Ngoc Han"),
            ("Quang Huy", "Quang Huy"), ("Thị Hương", "Thi Huong"),
        ],
        family=[
            ("Nguyễn", "Nguyen"), ("Trần", "Tran"), ("Lê", "Le"), ("Phạm", "Pham"),
            ("Hoàng", "Hoang"), ("Vũ", "Vu"), ("Đặng", "Dang"), ("Bùi", "Bui"),
        ],
        family_name_first=True,
    ),
    "ASEAN": NamePool(
        given=_latin(
            "Siti Rahmah", "Somsak", "Maria Liza", "Thanh Huong", "Phonesavanh",
            "Arief", "Chanthavy", "Kyaw Zin", "Nurul Ain", "Sokunthea",
        ),
        family=_latin(
            "Prasetyo", "Vongsa", "Reyes", "Tran", "Sok", "Rahman", "Chaiyaporn",
            "Pangilinan", "Lim", "Haji Omar",
        ),
    ),
    # --------------------------------------------------------------- Europe
    "AT": NamePool(
        given=_latin(
            "Lukas", "Katharina", "Florian", "Theresa", "Maximilian", "Johanna",
            "Stefan", "Elisabeth",
        ),
        family=_latin(
            "Gruber", "Huber", "Pichler", "Moser", "Leitner", "Hofbauer",
            "Brandstätter", "Mayrhofer-Grünbühel",
        ),
    ),
    "BE": NamePool(
        given=_latin(
            "Lotte", "Wouter", "Élodie", "Pieter-Jan", "Margaux", "Thibault",
            "Annelies", "Maxime",
        ),
        family=_latin(
            "Peeters", "Janssens", "Maes", "Dubois", "Lambert", "Van den Broeck",
            "De Smet", "Vandenberghe",
        ),
    ),
    "BG": NamePool(
        given=[
            ("Георги", "Georgi"), ("Мария", "Maria"), ("Иван", "Ivan"),
            ("Десислава", "Desislava"), ("Николай", "Nikolay"),
            ("Цветелина", "Tsvetelina"), ("Петър", "Petar"), ("Радостина", "Radostina"),
        ],
        family=[
            ("Петров", "Petrov"), ("Иванов", "Ivanov"), ("Георгиев", "Georgiev"),
            ("Димитров", "Dimitrov"), ("Стоянов", "Stoyanov"), ("Николов", "Nikolov"),
            ("Тодоров", "Todorov"), ("Ангелов", "Angelov"),
        ],
    ),
    "HR": NamePool(
        given=_latin(
            "Ivana", "Marko", "Petra", "Luka", "Ana", "Tomislav", "Marija", "Domagoj",
        ),
        family=_latin(
            "Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Novak", "Knežević",
            "Vuković",
        ),
    ),
    "CY": NamePool(
        given=[
            ("Ανδρέας", "Andreas"), ("Ελένη", "Eleni"), ("Χρίστος", "Christos"),
            ("Μαρία", "Maria"), ("Κυριάκος", "Kyriakos"), ("Παναγιώτα", "Panayiota"),
            ("Γιώργος", "Giorgos"), ("Σταυρούλα", "Stavroula"),
        ],
        family=[
            ("Χαραλάμπους", "Charalambous"), ("Χριστοδούλου", "Christodoulou"),
            ("Ιωάννου", "Ioannou"), ("Γεωργίου", "Georgiou"), ("Κυριάκου", "Kyriakou"),
            ("Στυλιανού", "Stylianou"), ("Παναγιώτου", "Panayiotou"),
            ("Ευαγγέλου", "Evangelou"),
        ],
    ),
    "CZ": NamePool(
        given=_latin(
            "Jana", "Petr", "Tereza", "Jiří", "Lucie", "Tomáš", "Kateřina", "Ondřej",
        ),
        family=_latin(
            "Krejčí", "Kočí", "Janů", "Pavlů", "Petrů", "Matějů", "Hořejší",
        ),
    ),
    "DK": NamePool(
        given=_latin(
            "Søren", "Ida", "Mads", "Freja", "Mikkel", "Karoline", "Jesper", "Signe",
        ),
        family=_latin(
            "Nielsen", "Jensen", "Sørensen", "Kjærgaard", "Østergaard", "Holm",
            "Dahl-Jørgensen", "Lund",
        ),
    ),
    "EE": NamePool(
        given=_latin(
            "Kadri", "Martin", "Liis", "Tanel", "Kristiina", "Rasmus", "Triin", "Margus",
        ),
        family=_latin(
            "Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane", "Põder", "Lõhmus",
        ),
    ),
    "FI": NamePool(
        given=_latin(
            "Aino", "Mikko", "Johanna", "Juha", "Elina", "Antti", "Päivi", "Ville",
        ),
        family=_latin(
            "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine",
            "Heikkinen", "Järvinen",
        ),
    ),
    "FR": NamePool(
        given=_latin(
            "Camille", "Jérôme", "Hélène", "Thibaut", "Amélie", "Loïc", "Cécile",
            "Benoît",
        ),
        family=_latin(
            "Martin", "Lefèvre", "Moreau", "Girard", "Fournier", "Rousseau", "Lemaître",
            "Duval-Béranger",
        ),
    ),
    "DE": NamePool(
        given=_latin(
            "Jürgen", "Katrin", "Matthias", "Bärbel", "Tobias", "Sabine", "Björn",
            "Friederike",
        ),
        family=_latin(
            "Müller", "Schäfer", "Weiß", "Krüger", "Hoffmann", "Becker",
            "Meyer-Rößler", "Weber-Großmann", "Köhler-Wördemann",
        ),
    ),
    "GR": NamePool(
        given=[
            ("Δημήτρης", "Dimitris"), ("Κατερίνα", "Katerina"), ("Νίκος", "Nikos"),
            ("Σοφία", "Sofia"), ("Γιάννης", "Giannis"), ("Ειρήνη", "Eirini"),
            ("Κώστας", "Kostas"), ("Αθηνά", "Athina"),
        ],
        # Genitive surnames, the same for men and women.
        family=[
            ("Αντωνίου", "Antoniou"), ("Δημητρίου", "Dimitriou"),
            ("Νικολάου", "Nikolaou"), ("Παπαγεωργίου", "Papageorgiou"),
            ("Θεοδώρου", "Theodorou"), ("Αλεξίου", "Alexiou"),
            ("Βασιλείου", "Vasileiou"), ("Σταματίου", "Stamatiou"),
        ],
    ),
    "HU": NamePool(
        given=_latin(
            "Zsófia", "Bence", "Katalin", "Gábor", "Eszter", "Levente", "Réka", "Attila",
        ),
        family=_latin(
            "Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár",
        ),
        family_name_first=True,
    ),
    "IE": NamePool(
        given=_latin(
            "Aoife", "Cian", "Siobhán", "Pádraig", "Niamh", "Seán", "Caoimhe", "Eoin",
        ),
        family=_latin(
            "Murphy", "O'Sullivan", "Kelly", "Byrne", "Walsh", "Fitzgerald", "Doyle",
            "McCarthy",
        ),
    ),
    "IT": NamePool(
        given=_latin(
            "Giulia", "Marco", "Francesca", "Alessandro", "Chiara", "Lorenzo",
            "Federica", "Niccolò",
        ),
        family=_latin(
            "Rossi", "Esposito", "Bianchi", "Colombo", "Ricci", "Marino", "De Luca",
            "Fabbri",
        ),
    ),
    "LV": NamePool(
        given=_latin(
            "Jānis", "Līga", "Kristaps", "Ilze", "Mārtiņš", "Inese", "Andris", "Dace",
        ),
        # Surnames ending in -a/-e, the same for men and women.
        family=_latin(
            "Priede", "Zvaigzne", "Roze", "Egle", "Zīle", "Lapsa", "Liepa", "Bite",
        ),
    ),
    "LT": NamePool(
        given=_latin(
            "Lukas", "Eglė", "Mantas", "Rūta", "Tomas", "Gintarė", "Dovydas", "Ieva",
        ),
        family=_latin(
            "Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius", "Vasiliauskas",
            "Žukauskas", "Butkus", "Paulauskas",
        ),
    ),
    "LU": NamePool(
        given=_latin(
            "Luc", "Claudine", "Tom", "Nathalie", "Gilles", "Anne-Marie", "Jeff",
            "Sandrine", "Mathis",
        ),
        family=_latin(
            "Schmit", "Weber", "Wagner", "Hoffmann", "Reuter", "Kieffer", "Thill",
            "Ferreira", "Kremer",
        ),
    ),
    "MT": NamePool(
        given=_latin(
            "Marija", "Kurt", "Charmaine", "Clayton", "Daniela", "Luke", "Rebekah",
            "Matthew",
        ),
        family=_latin(
            "Borg", "Camilleri", "Farrugia", "Zammit", "Galea", "Grech", "Micallef",
            "Caruana", "Xuereb",
        ),
    ),
    "NL": NamePool(
        given=_latin(
            "Sanne", "Daan", "Femke", "Joost", "Lieke", "Bram", "Maartje", "Thijs",
        ),
        family=_latin(
            "de Vries", "van Dijk", "Bakker", "Visser", "Smit", "Jansen",
            "van der Meer", "Mulder",
        ),
    ),
    "NO": NamePool(
        given=_latin(
            "Ingrid", "Håkon", "Solveig", "Øyvind", "Siri", "Espen", "Marte", "Sindre",
        ),
        family=_latin(
            "Hansen", "Johansen", "Olsen", "Berg", "Haugen", "Bakke", "Strøm", "Løvås",
        ),
    ),
    "PL": NamePool(
        given=_latin(
            "Agnieszka", "Paweł", "Małgorzata", "Łukasz", "Katarzyna", "Grzegorz",
            "Zofia", "Michał",
        ),
        # Surnames that do not change with gender.
        family=_latin(
            "Nowak", "Wójcik", "Kaczmarek", "Mazur", "Krawczyk", "Zając", "Wieczorek",
            "Wróbel", "Nowak-Wróbel",
        ),
    ),
    "PT": NamePool(
        given=_latin(
            "João", "Inês", "Tiago", "Mariana", "Gonçalo", "Beatriz", "Rui", "Sofia",
        ),
        family=_latin(
            "Silva", "Ferreira", "Gonçalves", "Sousa", "Rodrigues", "Magalhães",
            "Conceição", "Araújo",
        ),
    ),
    "RO": NamePool(
        given=_latin(
            "Andreea", "Mihai", "Ioana", "Bogdan", "Alexandra", "Răzvan", "Cristina",
            "Ștefan",
        ),
        family=_latin(
            "Popescu", "Ionescu", "Dumitrescu", "Stan", "Munteanu", "Constantin",
            "Țurcanu", "Stoica",
        ),
    ),
    "SK": NamePool(
        given=_latin(
            "Zuzana", "Peter", "Lucia", "Marek", "Katarína", "Juraj", "Veronika",
            "Ľubomír",
        ),
        family=_latin(
            "Kováč", "Baláž", "Hudák", "Šimko", "Krajčír", "Oravec", "Ďuriš", "Lukáč",
        ),
    ),
    "SI": NamePool(
        given=_latin(
            "Nina", "Matej", "Špela", "Jure", "Tjaša", "Luka", "Urška", "Blaž",
        ),
        family=_latin(
            "Novak", "Horvat", "Krajnc", "Kovačič", "Zupančič", "Potočnik", "Mlakar",
            "Vidmar",
        ),
    ),
    "ES": NamePool(
        given=_latin(
            "Lucía", "Javier", "María José", "Álvaro", "Nuria", "Íñigo", "Carmen",
            "Sergio",
        ),
        # Both surnames (paternal and maternal).
        family=_latin(
            "García Fernández", "Rodríguez Peña", "Sánchez Ibáñez", "Martín Aguirre",
            "Ruiz de Azúa", "Navarro Muñoz", "Gómez-Llorente Vidal",
        ),
    ),
    "SE": NamePool(
        given=_latin(
            "Elin", "Johan", "Astrid", "Oskar", "Linnéa", "Erik", "Maja", "Fredrik",
        ),
        family=_latin(
            "Lindqvist", "Andersson", "Johansson", "Bergström", "Åberg", "Nyström",
            "Söderberg", "Ekström-Lind",
        ),
    ),
    "CH": NamePool(
        given=_latin(
            "Reto", "Céline", "Beat", "Corinne", "Urs", "Chiara", "Noémie",
            "Gian Andrea",
        ),
        family=_latin(
            "Brunner", "Favre", "Rochat", "Bernasconi", "Steiner", "Keller", "Zürcher",
            "Caduff",
        ),
    ),
    "GB": NamePool(
        given=_latin(
            "Oliver", "Amelia", "Thomas", "Priya", "Hannah", "Callum", "Eleanor",
            "Rhys", "Aisha",
        ),
        family=_latin(
            "Smith", "Taylor", "Evans", "Patel", "Hughes", "Morgan-Davies", "Clarke",
            "Okafor", "Thompson",
        ),
    ),
    # ------------------------------------------------ Organisations (mixed)
    "EU": NamePool(
        given=_latin(
            "Sophie", "Matteo", "Anneke", "Tomasz", "Inês", "Henrik", "Kateřina",
            "Pierre-Yves", "Eleni", "Jonas",
        ),
        family=_latin(
            "Schmitt", "Rossi", "Kowalczyk", "Papadakis", "Lindberg", "O'Neill",
            "Fernández", "Janssen", "Vasiliu", "Horváth",
        ),
    ),
    "WCO": NamePool(
        given=_latin(
            "Kwame", "Yuki", "Amina", "Carlos", "Mei", "Hamid", "Ingrid", "Tendai",
            "Olena", "Rafael",
        ),
        family=_latin(
            "Mensah", "Okoye", "Tanaka", "Fernandes", "Haddad", "Lindström", "Moreau",
            "Kariuki", "Gupta", "Dubois",
        ),
    ),
    "ASEF": NamePool(
        given=_latin(
            "Anh", "Sophie", "Rahul", "Ji-woo", "Lukas", "Nurul", "Elena", "Kenji",
            "Mai", "Pieter",
        ),
        family=_latin(
            "Tan", "Schneider", "Kumar", "Park", "Dubois", "Sato", "Lindholm", "Santos",
            "Rahman", "Novak",
        ),
    ),
}
