package facts

import "strings"

// What a figure measures. A figure is a number with a dimension (what its
// unit measures: a count, a length, money...), for counts the noun it
// counts, and the measure it states (killed, injured, magnitude...). Two
// figures of different sources state the same quantity only when dimension
// and measure agree; these tables are general English news vocabulary, not
// tuned to any corpus.

// Dimensions (figure.dim).
const (
	dimCount       = "count"
	dimPercent     = "percent"
	dimMoney       = "money" // the currency is the unit
	dimLength      = "length"
	dimMass        = "mass"
	dimArea        = "area"
	dimDuration    = "duration"
	dimSpeed       = "speed"
	dimTemperature = "temperature"
	dimMagnitude   = "magnitude"
	dimAge         = "age"
	dimRecord      = "record" // a win–loss record: 52-3
)

// unitInfo is a unit word: its dimension, its factor to the dimension's
// base unit (metre, kilogram, square metre, second, km/h, °C) and the
// canonical name reports show.
type unitInfo struct {
	dim    string
	factor float64
	name   string
}

// units maps lower-case unit words (singular and plural, abbreviations) to
// their unit. Currencies are handled apart (see currencyWords).
var units = func() map[string]unitInfo {
	m := map[string]unitInfo{}
	add := func(dim string, factor float64, name string, words ...string) {
		for _, w := range words {
			m[w] = unitInfo{dim, factor, name}
		}
	}
	add(dimLength, 1, "m", "m", "metre", "metres", "meter", "meters", "metre-long", "meter-long")
	add(dimLength, 1000, "km", "km", "kms", "kilometre", "kilometres", "kilometer", "kilometers")
	add(dimLength, 0.01, "cm", "cm", "centimetre", "centimetres", "centimeter", "centimeters")
	add(dimLength, 0.001, "mm", "mm", "millimetre", "millimetres", "millimeter", "millimeters")
	add(dimLength, 0.3048, "ft", "ft", "foot", "feet", "foot-long", "-foot")
	add(dimLength, 0.0254, "in", "inch", "inches")
	add(dimLength, 0.9144, "yd", "yard", "yards", "yds")
	add(dimLength, 1609.344, "mi", "mi", "mile", "miles")
	add(dimMass, 1, "kg", "kg", "kgs", "kilogram", "kilograms", "kilo", "kilos", "kilogramme", "kilogrammes")
	add(dimMass, 0.001, "g", "gram", "grams", "gramme", "grammes")
	add(dimMass, 0.45359237, "lb", "lb", "lbs", "pound", "pounds")
	add(dimMass, 1000, "t", "tonne", "tonnes", "ton", "tons")
	add(dimArea, 4046.856, "acres", "acre", "acres")
	add(dimArea, 10000, "ha", "hectare", "hectares", "ha")
	add(dimDuration, 1, "s", "second", "seconds", "sec", "secs")
	add(dimDuration, 60, "min", "minute", "minutes", "min", "mins")
	add(dimDuration, 3600, "h", "hour", "hours", "hr", "hrs")
	add(dimDuration, 86400, "days", "day", "days")
	add(dimDuration, 7*86400, "weeks", "week", "weeks")
	add(dimDuration, 14*86400, "fortnights", "fortnight", "fortnights")
	add(dimDuration, 30.44*86400, "months", "month", "months")
	add(dimDuration, 365.25*86400, "years", "year", "years")
	add(dimDuration, 3652.5*86400, "decades", "decade", "decades")
	add(dimSpeed, 1.609344, "mph", "mph")
	add(dimSpeed, 1, "km/h", "kph", "km/h", "kmh")
	add(dimSpeed, 1.852, "knots", "knot", "knots")
	add(dimPercent, 1, "%", "%", "percent", "pct", "per-cent", "pc")
	add(dimMagnitude, 1, "magnitude", "magnitude", "richter")
	return m
}()

// attachedUnits are unit abbreviations written onto the number: 58km,
// 200ft, 10m.
var attachedUnits = map[string]bool{"m": true, "km": true, "kms": true, "cm": true, "mm": true, "ft": true,
	"mi": true, "kg": true, "kgs": true, "lb": true, "lbs": true, "mph": true, "kph": true, "kmh": true,
	"ha": true, "%": true, "pc": true}

// currencyWords maps currency signs and words to a currency code.
var currencyWords = map[string]string{
	"$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
	"a$": "AUD", "au$": "AUD", "aud": "AUD", "nz$": "NZD", "c$": "CAD", "cad": "CAD", "hk$": "HKD",
	"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
	"£": "GBP", "gbp": "GBP", "sterling": "GBP",
	"¥": "JPY", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "rs": "INR",
	"ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "dh": "AED", "dirham": "AED",
	"dirhams": "AED", "franc": "CHF", "francs": "CHF", "shekel": "ILS", "shekels": "ILS", "naira": "NGN",
	"rand": "ZAR", "won": "KRW", "peso": "MXN", "pesos": "MXN", "real": "BRL", "reais": "BRL", "lira": "TRY",
}

// dollarPrefixes are letters written before a dollar sign or amount to
// name the dollar: A$5, $A195,900, NZ$3, US$10.
var dollarPrefixes = map[string]string{"a": "AUD", "au": "AUD", "nz": "NZD", "us": "USD", "c": "CAD",
	"ca": "CAD", "hk": "HKD", "s": "SGD"}

// scales multiply a number: "3 million", "1.8bn", "two thousand".
var scales = map[string]float64{"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
	"trillion": 1e12, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3, "tn": 1e12}

// measures maps trigger words to the measure they state: the words an
// independent report may use for the same count ("killed", "dead", "death
// toll", "lives").
var measures = func() map[string]string {
	m := map[string]string{}
	add := func(measure string, words ...string) {
		for _, w := range words {
			m[w] = measure
		}
	}
	add("killed", "kill", "kills", "killed", "killing", "dead", "die", "dies", "died", "dying", "death", "deaths",
		"toll", "fatalities", "fatality", "fatally", "lives", "bodies", "perished", "slain", "massacred",
		"murdered", "drowned", "executed")
	add("injured", "injure", "injures", "injured", "injuring", "injury", "injuries", "wound", "wounds",
		"wounded", "wounding", "hurt", "hospitalised", "hospitalized", "hospitalisation", "hospitalization")
	add("casualties", "casualty", "casualties")
	add("arrested", "arrest", "arrests", "arrested", "arresting", "detain", "detained", "detaining",
		"detention", "detentions", "custody", "apprehended", "captured", "capturing", "nabbed", "rounded")
	add("missing", "missing", "unaccounted")
	add("displaced", "displaced", "homeless", "evacuate", "evacuated", "evacuating", "evacuation",
		"evacuees", "sheltering", "shelter", "shelters", "sheltered", "refugees", "fled", "fleeing", "housed",
		"accommodation", "tents")
	add("rescued", "rescued", "rescuing", "saved", "freed", "released")
	add("charged", "charged", "charges", "indicted", "accused", "convicted")
	add("seized", "seized", "seizing", "confiscated", "recovered")
	add("population", "population", "inhabitants", "populated")
	add("fired", "fired", "firing", "shots")
	add("damaged", "damaged", "destroyed", "flattened", "leveled", "levelled", "razed", "collapsed",
		"hardest-hit", "worst-hit", "badly-hit", "affected")
	add("lasted", "lasted", "lasting", "lasts")
	add("fell", "fell", "fall", "falling", "fallen", "plunged", "plunging", "plummeted", "slid", "dropped",
		"tumbled", "lost", "down")
	add("rose", "rose", "rise", "rising", "risen", "climbed", "gained", "jumped", "soared", "up")
	add("aftershocks", "aftershock", "aftershocks")
	add("protesters", "protest", "protesters", "protestors", "demonstrators", "marched", "marchers",
		"rallied", "crowd", "rioters", "mourners", "gathered")
	return m
}()

// measureBigrams are two-word measures: "death toll", "home to".
var measureBigrams = map[string]string{"death toll": "killed", "home to": "population", "lost lives": "killed",
	"took lives": "killed", "were killed": "killed", "been killed": "killed", "been injured": "injured",
	"were injured": "injured", "were wounded": "injured", "were arrested": "arrested", "been arrested": "arrested"}

// nounClasses maps counted nouns (lemmatised) to the class independent
// reports use interchangeably.
var nounClasses = map[string]string{
	"people": "person", "persons": "person", "individual": "person", "civilian": "person", "resident": "person",
	"inhabitant": "person", "citizen": "person", "victim": "person", "villager": "person", "passenger": "person",
	"troop": "soldier", "serviceman": "soldier", "servicemen": "soldier", "servicemember": "soldier",
	"militant": "fighter", "insurgent": "fighter", "rebel": "fighter", "gunman": "attacker",
	"kid": "child", "youngster": "child", "boy": "child", "girl": "child", "pupil": "student", "schoolchild": "student",
	"policeman": "police", "policemen": "police", "officer": "police", "cop": "police",
	"speedboat": "boat", "skiff": "boat", "dinghy": "boat", "vessel": "ship", "warship": "ship", "tanker": "ship",
	"contract": "deal", "offer": "deal", "agreement": "deal", "package": "deal", "bailout": "loan",
	"rifle": "weapon", "gun": "weapon", "firearm": "weapon", "pistol": "weapon", "handgun": "weapon",
	"shotgun": "weapon", "ak-47": "weapon", "ak-47s": "weapon",
	"home": "house", "dwelling": "house", "building": "house",
	"quake": "earthquake", "temblor": "earthquake", "tremor": "earthquake",
	"round": "shot", "bullet": "shot",
	"crewman": "crew", "crewmen": "crew", "sailor": "crew", "seaman": "crew",
	"line": "cable", "circuit": "cable",
	"protestor": "protester", "demonstrator": "protester", "marcher": "protester", "rioter": "protester",
	"mourner": "protester",
	"dead":    "", "killed": "", "injured": "", "wounded": "", "hurt": "", "missing": "", "homeless": "",
	"percent": "", "pct": "",
}

// genericNouns count anyone: they align with a more specific class.
var genericNouns = map[string]bool{"person": true, "": true}

// nounClass returns the class of a counted noun (lemmatised).
func nounClass(noun string) string {
	if c, ok := nounClasses[noun]; ok {
		return c
	}
	// A compound ending in a known noun: speedboat → boat.
	for _, head := range []string{"boat", "ship", "gun", "rifle", "man", "woman", "house", "worker"} {
		if strings.HasSuffix(noun, head) && len(noun) > len(head)+2 {
			if c, ok := nounClasses[head]; ok {
				return c
			}
			return head
		}
	}
	return noun
}

// humanNouns count people: such a count is a fact only with what happened
// to them (killed, arrested, marched).
var humanNouns = set("person", "man", "woman", "child", "student", "worker", "soldier", "police", "employee",
	"member", "resident", "victim", "civilian", "crew", "protester", "suspect", "pirate", "fighter", "attacker",
	"family", "youth", "teenager", "adult", "national", "citizen", "official", "co-worker", "coworker", "officer",
	"deputy", "agent", "guard", "prisoner", "inmate", "patient", "doctor", "nurse", "firefighter", "player", "fan",
	"somali", "yemeni", "friend", "relative", "son", "daughter", "wife", "husband", "brother", "sister", "people")
