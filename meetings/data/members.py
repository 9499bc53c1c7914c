"""The ASEM partners as of the 12th ASEM Customs DG-C Meeting (October 2017), and observer
organisations. 51 countries, the European Union and the ASEAN Secretariat: 53 partners.

Each entry: (name, code, region, year of joining ASEM).
"""

ASIA = "asia"
EUROPE = "europe"

PARTNERS = [
    # Asia group
    ("Australia", "AU", ASIA, 2010),
    ("Bangladesh", "BD", ASIA, 2012),
    ("Brunei Darussalam", "BN", ASIA, 1996),
    ("Cambodia", "KH", ASIA, 2004),
    ("China", "CN", ASIA, 1996),
    ("India", "IN", ASIA, 2006),
    ("Indonesia", "ID", ASIA, 1996),
    ("Japan", "JP", ASIA, 1996),
    ("Kazakhstan", "KZ", ASIA, 2014),
    ("Republic of Korea", "KR", ASIA, 1996),
    ("Lao PDR", "LA", ASIA, 2004),
    ("Malaysia", "MY", ASIA, 1996),
    ("Mongolia", "MN", ASIA, 2006),
    ("Myanmar", "MM", ASIA, 2004),
    ("New Zealand", "NZ", ASIA, 2010),
    ("Pakistan", "PK", ASIA, 2006),
    ("Philippines", "PH", ASIA, 1996),
    ("Russian Federation", "RU", ASIA, 2010),
    ("Singapore", "SG", ASIA, 1996),
    ("Thailand", "TH", ASIA, 1996),
    ("Viet Nam", "VN", ASIA, 1996),
    ("ASEAN Secretariat", "ASEAN", ASIA, 2006),
    # Europe group
    ("Austria", "AT", EUROPE, 1996),
    ("Belgium", "BE", EUROPE, 1996),
    ("Bulgaria", "BG", EUROPE, 2006),
    ("Croatia", "HR", EUROPE, 2012),
    ("Cyprus", "CY", EUROPE, 2004),
    ("Czech Republic", "CZ", EUROPE, 2004),
    ("Denmark", "DK", EUROPE, 1996),
    ("Estonia", "EE", EUROPE, 2004),
    ("Finland", "FI", EUROPE, 1996),
    ("France", "FR", EUROPE, 1996),
    ("Germany", "DE", EUROPE, 1996),
    ("Greece", "GR", EUROPE, 1996),
    ("Hungary", "HU", EUROPE, 2004),
    ("Ireland", "IE", EUROPE, 1996),
    ("Italy", "IT", EUROPE, 1996),
    ("Latvia", "LV", EUROPE, 2004),
    ("Lithuania", "LT", EUROPE, 2004),
    ("Luxembourg", "LU", EUROPE, 1996),
    ("Malta", "MT", EUROPE, 2004),
    ("Netherlands", "NL", EUROPE, 1996),
    ("Norway", "NO", EUROPE, 2012),
    ("Poland", "PL", EUROPE, 2004),
    ("Portugal", "PT", EUROPE, 1996),
    ("Romania", "RO", EUROPE, 2006),
    ("Slovakia", "SK", EUROPE, 2004),
    ("Slovenia", "SI", EUROPE, 2004),
    ("Spain", "ES", EUROPE, 1996),
    ("Sweden", "SE", EUROPE, 1996),
    ("Switzerland", "CH", EUROPE, 2012),
    ("United Kingdom", "GB", EUROPE, 1996),
    ("European Union", "EU", EUROPE, 1996),
]

# Guest organisations invited as observers: (name, code).
OBSERVERS = [
    ("World Customs Organization", "WCO"),
    ("Asia-Europe Foundation", "ASEF"),
]
