package facts

import "strings"

// Small general-purpose word lists. They are not tuned to any corpus: they
// list the countries of the world, large cities and regions, demonyms, and
// the cue words English news uses for organisations and roles.

var places = setFold(`Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan
Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia Botswana Brazil Brunei
Bulgaria Burkina Burundi Cambodia Cameroon Canada Chad Chile China Colombia Comoros Congo Croatia Cuba Cyprus
Czechia Denmark Djibouti Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia
Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti Honduras Hungary Iceland India Indonesia Iran
Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati Kosovo Kuwait Kyrgyzstan Laos Latvia
Lebanon Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta
Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Burma Namibia
Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau Palestine Panama Paraguay Peru
Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa Senegal Serbia Seychelles Singapore Slovakia
Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga
Tunisia Turkey Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Vatican Venezuela Vietnam Yemen
Zambia Zimbabwe Britain England Scotland Wales Europe Africa Asia America Americas Antarctica Oceania Arctic
Gaza Crimea Donbas Kashmir Tibet Darfur Sahel Balkans Caribbean Scandinavia Siberia Catalonia Kurdistan Hollywood
Bangui Kigali Moscow Kyiv Kiev London Paris Berlin Washington Beijing Tokyo Delhi Mumbai Cairo Lagos Nairobi
Johannesburg Kinshasa Khartoum Addis Ababa Baghdad Damascus Tehran Kabul Islamabad Karachi Dhaka Jakarta Manila
Bangkok Hanoi Seoul Pyongyang Taipei Sydney Melbourne Toronto Ottawa Montreal Vancouver Chicago Boston Houston
Dallas Atlanta Miami Seattle Denver Phoenix Philadelphia Detroit Baltimore Brooklyn Manhattan Malibu Rome Madrid
Lisbon Barcelona Milan Vienna Prague Warsaw Budapest Brussels Amsterdam Geneva Zurich Stockholm Oslo Copenhagen
Helsinki Athens Istanbul Ankara Jerusalem Riyadh Dubai Doha Beirut Minsk Tbilisi Yerevan Baku Caracas Bogota
Lima Santiago Havana Dakar Accra Abuja Bamako Niamey Mogadishu Tripoli Tunis Algiers Rabat Harare Lusaka Luanda
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois Indiana
Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana
Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Wisconsin Wyoming
Bavaria Ontario Quebec Alberta Queensland Punjab Bengal Sicily Sardinia Corsica Normandy Tokyo Osaka`)

// multiword places are matched as whole sequences.
var multiPlaces = setFold(strings.Join([]string{
	"United States", "United Kingdom", "United Arab Emirates", "Saudi Arabia", "South Africa", "North Korea",
	"South Korea", "New Zealand", "Central African Republic", "Democratic Republic of the Congo",
	"Czech Republic", "Dominican Republic", "Ivory Coast", "Sri Lanka", "Sierra Leone", "El Salvador",
	"Costa Rica", "Puerto Rico", "Hong Kong", "Papua New Guinea", "South Sudan", "Burkina Faso",
	"New York", "New Jersey", "New Mexico", "New Hampshire", "North Carolina", "South Carolina",
	"North Dakota", "South Dakota", "West Virginia", "Rhode Island", "Los Angeles", "San Francisco",
	"San Diego", "Las Vegas", "New Orleans", "Middle East", "Latin America", "North America",
	"South America", "West Bank", "Addis Ababa", "Cape Town", "Rio de Janeiro", "Sao Paulo", "Buenos Aires",
	"Mexico City", "Tel Aviv", "Abu Dhabi", "Kuala Lumpur", "New Delhi", "St Petersburg", "St. Petersburg",
	"Washington DC", "Washington D.C.", "Silicon Valley", "Wall Street",
}, "|"))

// placeCues make a capitalised sequence a place ("Gulf of Aden", "Tasman Glacier").
var placeCues = setFold(`Gulf Sea Ocean River Lake Mountain Mountains Mount Mt Mt. Ridge Peak Pass Heights Springs Canal Island Islands Bay Strait Valley
Street St. Avenue Ave. Road Boulevard Square Park County Province State City District Region Glacier Coast
Peninsula Desert Canyon Beach Harbor Harbour Airport Highway Bridge Border Hills Falls Creek Forest Plaza`)

// placeNouns follow a place name in lower case ("the Arno valley").
var placeNouns = setFields(`valley river region province area county city town village border coast island
district state capital mountains mountain sea lake bay peninsula desert basin delta highlands plateau`)

// demonyms are adjectives of place: part of a role, never a name alone.
var demonyms = setFold(`American Americans British French German Germans Russian Russians Chinese Japanese Indian
Rwandan Rwandans Ukrainian Ukrainians Israeli Israelis Palestinian Palestinians Iranian Iraqi Syrian Turkish
Egyptian Libyan Sudanese Nigerian Kenyan Ethiopian Somali Congolese Malian African Africans European Europeans
Asian Arab Arabs Italian Spanish Portuguese Dutch Belgian Swiss Austrian Polish Czech Hungarian Romanian
Greek Swedish Norwegian Danish Finnish Irish Scottish Welsh English Canadian Mexican Brazilian Argentine
Colombian Venezuelan Cuban Australian Korean Vietnamese Thai Indonesian Filipino Pakistani Afghan Saudi
Qatari Emirati Lebanese Jordanian Yemeni Moroccan Algerian Tunisian Senegalese Ghanaian Cameroonian
Ugandan Tanzanian Zimbabwean Angolan Mozambican Soviet Western Eastern Northern Southern Central Latin
Californian Texan Muslim Muslims Christian Christians Jewish Catholic Protestant Sunni Shia Shiite Kurdish
Belarusian Georgian Armenian Serbian Croatian Bosnian Albanian Kosovar Chechen Tatar Islamic`)

// orgWords make a capitalised sequence an organisation ("Ministry of
// Defence", "Seacom Ltd", "California Highway Patrol").
var orgWords = setFold(`Ministry Council Force Forces Group Company Party Agency Bank Army Navy Police
Commission Committee Association Union Corporation Corp Corp. Inc Inc. Ltd Ltd. Co. LLC Department Office Service
Services Organization Organisation Foundation Federation League Club Airlines Airways Times Post Press Fund
Board Authority Parliament Senate Congress Assembly Guard Front Movement Alliance Coalition Network Networks
Media Bureau Brigade Battalion Regiment Corps Administration Government Cabinet Tribunal Laboratory Labs
Studios Records Entertainment Holdings Motors Energy Oil Petroleum Telecom Communications Systems Technologies
Industries Trust Society Conference Secretariat Mission Channel Magazine Journal Herald Tribune Gazette
Chronicle Daily Weekly Radio Television TV Broadcasting News Reuters Interfax Kremlin Pentagon Legislature
Militia Rebels Taliban Hezbollah Hamas Vatican FBI CIA NASA Microsoft Apple Google Facebook Twitter Amazon
Netflix Intel Samsung Toyota Boeing Airbus Nokia IBM Oracle Yahoo eBay Sony Disney Walmart Starbucks
Interpol Europol UNESCO UNICEF Patrol Marshals Partners Associates Advisors Advisers Enterprises Ventures
Brands Foods Pharmaceuticals Pharma Insurance Electric Steel Mining Pictures Films Productions Publishing
Software Wireless Accounting Consulting Solutions Bancorp Cartel Syndicate Brotherhood Command Agencies Survey`)

// facilityWords head the name of a building or site: a place ("the Betty
// Ford Center", "Arrowhead Stadium", "Preston Crown Court").
var facilityWords = setFold(`Center Centre Clinic Hospital Court Courthouse Prison Jail Penitentiary Arena Stadium
Coliseum Dome Hut Hotel Motel Inn Resort Casino Museum Gallery Theatre Theater Cinema Garden Gardens Park Pier
Wharf Mall Store Shop Market Airport Terminal Station Tower Towers Building Cemetery Cathedral Mosque Temple
Synagogue Chapel Palace Castle Bridge Tunnel Dam Plaza Square Zoo Aquarium Campus Base Barracks Plant Factory
Refinery Harbor Harbour Marina Lighthouse Monument Memorial Tomb Apartments Ranch Farm Mansion Lodge`)

// institutionWords head the name of an institution: an organisation, or a
// place when the text puts something in or at it.
var institutionWords = setFold(`University College School Academy Institute Church Seminary Conservatory Polytechnic`)

// orgCues are the cue words of organisations, facilities and institutions
// together (an attribution naming one is not a bare pronoun).
var orgCues = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range []map[string]bool{orgWords, facilityWords, institutionWords} {
		for w := range s {
			m[w] = true
		}
	}
	return m
}()

// knownOrgs are single names that are organisations without a cue word.
var knownOrgs = setFold(`Kremlin Pentagon Interfax Reuters AFP BBC CNN Facebook Google Twitter Apple Microsoft Amazon
Netflix Intel Samsung Toyota Boeing Airbus Nokia IBM Oracle Yahoo eBay Sony Disney Walmart Starbucks Taliban
Hezbollah Hamas Vatican FBI CIA NASA Interpol Europol UNESCO UNICEF NATO Congress Parliament Senate Wagner Vagner
YouTube Instagram TikTok Uber Tesla Nike Adidas Pfizer Moderna Kremlin`)

// knownMultiOrgs are multi-word organisations without a cue word.
var knownMultiOrgs = setFold(strings.Join([]string{"White House", "Downing Street", "Wall Street Journal",
	"Red Cross", "Red Crescent", "United Nations", "European Union", "Cosa Nostra", "Al Qaeda", "al-Qaeda",
	"Islamic State", "Scotland Yard", "Capitol Hill", "Hollywood Reporter", "Associated Press"}, "|"))

// countryAcronyms are all-capital places, not organisations.
var countryAcronyms = set("US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "DRC", "EU", "E.U.", "LA", "L.A.",
	"NYC", "DC", "D.C.", "PRC")

// stateAbbrevs are the abbreviations of US states and Canadian provinces
// in news style ("Rancho Mirage, Calif."), folded. Those that are also
// words or titles ("Miss.", "Pa.", "Ind.") count only after "City,".
var stateAbbrevs = setFields(`ala ariz ark calif colo conn fla okla tenn mich minn wis wisc wyo nev neb nebr kan
kans alta sask`)

var stateAbbrevsAfterComma = setFields(`ga ill ind ky la md miss mo pa vt va del nh nj nm ny nc nd ri sc sd wva
dc bc ns man tex mont ore wash mass ont que`)

// postalCodes are the two-letter codes of US states and Canadian
// provinces: a place after "City," ("Springfield, MO").
var postalCodes = setFields(`AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV
NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC AB BC MB NB NL NS NT NU ON PE QC SK YT`)

// usStates are the states of the United States, folded: "Ohio State" is a
// university.
var usStates = setFold(`Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont
Virginia Washington Wisconsin Wyoming Penn Wichita`)

// roleAbbrevs are all-capital titles and positions before a name ("CEO
// Tim Cook", "QB Andrew Luck").
var roleAbbrevs = set("CEO", "COO", "CFO", "CTO", "QB", "RB", "WR", "TE", "NT", "LB", "CB", "DT", "DE", "OT",
	"OG", "FB", "OL", "DL", "DB", "GM", "MP", "MEP")

// postNominals follow a name without changing what it names ("Anthony
// Russell QC").
var postNominals = set("QC", "KC", "MP", "MD", "PhD", "Ph.D.", "OBE", "CBE", "MBE", "DDS", "Esq", "Esq.", "RN")

// firstPlaceCues open a place name ("Mount Cook", "Lake Geneva").
var firstPlaceCues = setFold(`Mount Mt Mt. Lake Cape Fort Ft. Port Isle Gulf Sea Bay Point Lac Rio Monte Mont Loch`)

// personPossessed are what a person has: "Reid's publicist".
var personPossessed = setFields(`wife husband son sons daughter daughters mother father brother sister parents
children kids family girlfriend boyfriend fiance fiancé fiancee fiancée widow mom dad grandmother grandfather
cousin nephew niece uncle aunt lawyer lawyers attorney attorneys publicist rep representative agent career
death funeral arrest body birthday marriage divorce wedding campaign administration presidency reelection
re-election nomination nominee aides aide tenure memoir injury injuries knee health rehab treatment stay
acting debut album`)

// orgPossessed are what an organisation or team has: "Seacom's customers".
var orgPossessed = setFields(`shares stock stocks shareholders headquarters employees staff customers subscribers
members roster lineup offense offence defense defence coach coaches players fans subsidiary subsidiaries
ceo chairman board executives profits revenue earnings`)

// affiliationNouns follow an organisation's name in lower case:
// "Lionsgate officials", "Chargers general manager".
var affiliationNouns = setFields(`officials official spokesman spokeswoman spokesperson executives executive
employees staff players player coach manager fans shareholders owner owners chairman ceo president`)

// orgNouns are common nouns that name what an organisation is, right
// before its name: "cable operator Seacom", "the studio Lionsgate".
var orgNouns = setFields(`company firm studio network carrier operator provider team club university school
college newspaper magazine daily website broadcaster channel band group retailer chain maker manufacturer
giant brand label agency airline bank party league union charity organization organisation outlet
publication tabloid paper startup insurer distributor developer publisher lender broker automaker carmaker`)

// placeNounsOf are the nouns of "the city of Thessaloniki".
var placeNounsOf = setFields(`city town village state province region island county district municipality
country resort capital port suburb neighborhood neighbourhood borough area commune prefecture township
kingdom republic emirate`)

// roleNouns head a role or title before a name.
var roleNouns = setFields(`president minister spokesman spokeswoman spokesperson secretary chairman chairwoman chair
director chief leader official governor mayor senator general colonel commander ambassador envoy financier
businessman businesswoman tycoon oligarch actor actress singer star coach judge prosecutor lawyer attorney king
queen prince princess pope premier chancellor officer sheriff detective inspector captain sergeant lieutenant
executive ceo founder owner head manager analyst expert professor doctor dr. mr. mrs. ms. mr mrs ms dr sir dame
lord gen. gen col. col lt. lt capt. capt sgt. sgt sen. sen rep. rep gov. gov prof. prof rev. rev deputy candidate
rival opponent player striker midfielder defender goalkeeper quarterback pitcher rapper model author writer
journalist reporter correspondent editor producer host comedian musician guitarist designer artist filmmaker
councillor councilman councilwoman lawmaker legislator mp congressman congresswoman diplomat commissioner
superintendent agent representative publicist boss ayatollah sheikh emir sultan cardinal archbishop bishop
priest father brother sister wife husband son daughter mother girlfriend boyfriend fiance fiancée widow
opposition-leader warlord commander-in-chief premier-elect president-elect vice-president head-coach
manager coach skipper captain admiral marshal major dean magistrate trustee lineman linebacker cornerback
receiver halfback fullback tailback shortstop outfielder infielder baseman catcher forward rookie`)

// roleModifiers may precede a role noun inside a role ("former Deputy Foreign").
var roleModifiers = setFields(`former deputy vice acting interim chief senior top then foreign defence defense interior
finance prime government state military army police opposition rebel security intelligence presidential
federal national regional local assistant associate executive general health justice trade economy energy
education transport environment party campaign press team club company longtime co first second ex new
kremlin white house cabinet junior defence-ministry tv film pop rock hollywood award-winning veteran
oscar-winning famous well-known late district county city assistant`)

// commonWords are English words that start sentences or headings in upper
// case but are not names.
var commonWords = setFields(`a about above according across after afterwards again against all almost alone
along already also although always am among an and another any anyone anything are around as at attempted
back be because been before being below between both but by can could crisis despite did do does doing down
during each earlier either else elsewhere even ever every everyone everything few first for former from further
had has have having he her here hers herself him himself his how however i if in inside instead into is it its
itself just last later latest least less like many may me meanwhile might more moreover most much must my
near nearly neither never nevertheless new next no nobody none nor not nothing now of off often on once one only
or other others otherwise our ours out over own perhaps please rather read same second several she should
since so some someone something sometimes soon still such than that the their theirs them themselves then
there thereafter therefore these they this those though three through throughout thus to today together
tomorrow too toward towards two under unless until up upon us very via was we well were what whatever when
whenever where whereas wherever whether which while who whoever whole whom whose why will with within without
would yesterday yet you your yours yourself breaking update updated exclusive watch photos video analysis
opinion editorial comment live related more share follow subscribe advertisement officials police authorities
troops soldiers rebels government residents witnesses people sources reports report experts analysts critics
many some most several both neither nor amid following according asked speaking given local earlier later
alert attack attacks coup election elections vote war fire fires earthquake storm death deaths killed dead
arrested charged accused sentenced suspect victims firefighters rescuers investigators prosecutors
meanwhile still there here first last now then this that these those its his her their our your my
yes no okay ok thanks dear sir madam hi hello wow oh`)

// months and weekdays.
var months = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "jan.": 1, "feb": 2, "feb.": 2, "mar.": 3, "apr": 4, "apr.": 4, "jun.": 6, "jul.": 7,
	"aug": 8, "aug.": 8, "sep": 9, "sep.": 9, "sept": 9, "sept.": 9, "oct": 10, "oct.": 10, "nov": 11,
	"nov.": 11, "dec": 12, "dec.": 12}

var weekdays = map[string]int{"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4,
	"friday": 5, "saturday": 6}

// setFold builds a lower-cased set from a whitespace-separated list, or a
// "|"-separated one for multi-word entries.
func setFold(s string) map[string]bool {
	var items []string
	if strings.Contains(s, "|") {
		items = strings.Split(s, "|")
	} else {
		items = strings.Fields(s)
	}
	m := make(map[string]bool, len(items))
	for _, w := range items {
		if w = strings.TrimSpace(w); w != "" {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}

func setFields(s string) map[string]bool { return set(strings.Fields(s)...) }
