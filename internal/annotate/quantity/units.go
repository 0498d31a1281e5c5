package quantity

// Currencies and units of measure, compiled for this package. Currency
// codes are ISO 4217.

// currencySymbols are the symbols written glued before an amount.
var currencySymbols = map[rune]string{
	'$': "USD", '€': "EUR", '£': "GBP", '¥': "JPY", '₹': "INR", '₦': "NGN",
	'₽': "RUB", '₩': "KRW", '₺': "TRY", '₴': "UAH", '₪': "ILS",
}

// dollarPrefixes are the letters glued before "$": "US$", "A$".
var dollarPrefixes = map[string]string{
	"us": "USD", "a": "AUD", "au": "AUD", "c": "CAD", "ca": "CAD",
	"hk": "HKD", "nz": "NZD", "s": "SGD", "r": "BRL", "nt": "TWD",
}

// currencyCodes may stand before or after an amount: "USD 5", "Rs 500",
// "5 EUR". Matched on the lower-cased word.
var currencyCodes = map[string]string{
	"usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "cny": "CNY",
	"rmb": "CNY", "inr": "INR", "rs": "INR", "rub": "RUB", "chf": "CHF",
	"aud": "AUD", "cad": "CAD", "ngn": "NGN", "xof": "XOF", "cfa": "XOF",
	"zar": "ZAR", "kes": "KES", "hkd": "HKD", "sgd": "SGD", "brl": "BRL",
	"sek": "SEK", "nok": "NOK", "dkk": "DKK", "pln": "PLN",
	"egp": "EGP", "pkr": "PKR", "uah": "UAH",
}

// currencyNames follow an amount: "100 million dollars".
var currencyNames = map[string]string{
	"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
	"yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "rupee": "INR",
	"rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
	"rubles": "RUB", "naira": "NGN", "rand": "ZAR", "riyal": "SAR",
	"riyals": "SAR", "dirham": "AED", "dirhams": "AED", "lira": "TRY",
	"hryvnia": "UAH", "hryvnias": "UAH", "zloty": "PLN", "shekel": "ILS",
	"shekels": "ILS", "shillings": "KES", "cedis": "GHS",
	// "pounds" is a weight unless money is plain: see moneyPounds.
	"sterling": "GBP",
}

// dollarAdjectives name whose dollars: "5 million Canadian dollars".
var dollarAdjectives = map[string]string{
	"us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD",
	"canadian": "CAD", "singapore": "SGD", "taiwan": "TWD",
	"zimbabwean": "ZWL", "hong": "HKD", "new": "NZD", "liberian": "LRD",
}

// francAdjectives name whose francs: "5 billion CFA francs".
var francAdjectives = map[string]string{
	"cfa": "XOF", "swiss": "CHF", "congolese": "CDF",
}

// units maps a unit of measure, lower-cased, to the name Find gives it.
// Time spans are units too: "three days" is a measure of time, not a count
// of things.
var units = map[string]string{
	"km": "km", "kms": "km", "kilometre": "km", "kilometres": "km",
	"kilometer": "km", "kilometers": "km", "km²": "km²", "km2": "km²",
	"m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
	"cm": "cm", "centimetre": "cm", "centimetres": "cm", "centimeter": "cm",
	"centimeters": "cm", "mm": "mm", "millimetre": "mm", "millimetres": "mm",
	"millimeter": "mm", "millimeters": "mm",
	"mile": "miles", "miles": "miles", "mi": "miles",
	"foot": "ft", "feet": "ft", "ft": "ft", "inch": "in", "inches": "in",
	"yard": "yd", "yards": "yd",
	"kg": "kg", "kgs": "kg", "kilogram": "kg", "kilograms": "kg",
	"kilogramme": "kg", "kilogrammes": "kg", "kilo": "kg", "kilos": "kg",
	"gram": "g", "grams": "g", "gramme": "g", "grammes": "g",
	"tonne": "tonnes", "tonnes": "tonnes", "ton": "tons", "tons": "tons",
	"lb": "lb", "lbs": "lb", "ounce": "oz", "ounces": "oz", "oz": "oz",
	"hectare": "ha", "hectares": "ha", "ha": "ha", "acre": "acres",
	"acres": "acres",
	"litre": "l", "litres": "l", "liter": "l", "liters": "l",
	"gallon": "gal", "gallons": "gal", "barrel": "barrels",
	"barrels": "barrels", "bpd": "barrels/day",
	"mph": "mph", "kph": "km/h", "kmh": "km/h", "knots": "knots",
	"celsius": "°C", "fahrenheit": "°F", "degrees": "degrees",
	"magnitude": "magnitude",
	"mw":        "MW", "megawatts": "MW", "gw": "GW", "gigawatts": "GW",
	"kw": "kW", "kilowatts": "kW", "kwh": "kWh", "gwh": "GWh",
	"gb": "GB", "tb": "TB", "mb": "MB", "ghz": "GHz", "mhz": "MHz",
	"year": "years", "years": "years", "yrs": "years", "month": "months",
	"months": "months", "week": "weeks", "weeks": "weeks", "day": "days",
	"days": "days", "hour": "hours", "hours": "hours", "hrs": "hours",
	"minute": "minutes", "minutes": "minutes", "mins": "minutes",
	"second": "seconds", "seconds": "seconds", "decade": "decades",
	"decades": "decades", "century": "centuries", "centuries": "centuries",
}

// gluedUnits may be written glued to the digits: "58km", "10kg".
var gluedUnits = map[string]string{
	"km": "km", "kms": "km", "km²": "km²", "km2": "km²", "m": "m", "cm": "cm",
	"mm": "mm", "mi": "miles", "ft": "ft", "kg": "kg", "kgs": "kg",
	"lb": "lb", "lbs": "lb", "ha": "ha", "l": "l", "mph": "mph",
	"kph": "km/h", "kmh": "km/h", "mw": "MW", "gw": "GW", "kw": "kW",
	"kwh": "kWh", "gb": "GB", "tb": "TB", "mb": "MB", "ghz": "GHz",
	"mhz": "MHz", "t": "tonnes", "yrs": "years", "hrs": "hours",
}

// ordinalSuffixes make a number an ordinal: "36th".
var ordinalSuffixes = map[string]bool{"st": true, "nd": true, "rd": true, "th": true}

// timeSuffixes make a number a clock time: "10am", "2045GMT".
var timeSuffixes = map[string]bool{
	"am": true, "pm": true, "a.m": true, "p.m": true, "gmt": true,
	"utc": true, "h": true,
}
