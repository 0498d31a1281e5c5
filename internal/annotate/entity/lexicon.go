package entity

// The word lists below are hand-written lexicons of English: function
// words, titles, cue words and a short list of world-knowledge names. They
// contain no name taken from a test corpus. Lists are written as one
// space- or pipe-separated string and split once by New.

// functionWords never start or end a name: a capitalised "The", "In" or
// "Since" is capitalised because it starts a sentence or a headline.
const functionWords = `a an the this that these those it its he she they them we i you his her
their our my your me him us who whom whose what which when where why how whether
in on at by for from of to into onto over under through with without within
about above across after against along among amid around before behind below
beneath beside besides between beyond despite during except inside near off
outside since throughout till toward towards until unlike upon via like as per
and but or nor so yet not no yes if then than though although because while
whereas unless once also still even just only already now today yesterday
tomorrow tonight here there however meanwhile moreover furthermore therefore
thus hence instead indeed otherwise perhaps maybe please earlier later last
next recently currently finally overall again soon ago all some many most
several few both each every any either neither none much more less least other
another such same own one two three four five six seven eight nine ten eleven
twelve twenty hundred thousand million billion first second third fourth fifth
half according following including regarding given former late early
very well too quite rather almost nearly around about do does did done be is are
was were been being have has had will would shall should can could may might must
let lets it's there's here's that's what's let's says said asked told added
after-all whatever whoever whenever wherever everything everyone everybody
something someone somebody nothing nobody anyone anything thanks thank dear
oh ok okay hi hello sorry madam i'm i've i'll i'd you're you've they're they've we're we've he's she's what's don't doesn't didn't can't couldn't won't wouldn't isn't aren't wasn't weren't`

// months and weekdays are dates, not names; "May" and "March" would
// otherwise pass as names.
const calendarWords = `january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday
wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
christmas easter ramadan eid`

// capitalisedAdjectives are capitalised words that describe rather than
// name: they are never mentions by themselves.
const capitalisedAdjectives = `western eastern northern southern central islamist islamic jihadist
christian muslim jewish catholic protestant orthodox sunni shia shiite communist
socialist marxist fascist nazi democratic republican liberal conservative
federal national international global royal imperial presidential parliamentary
constitutional supreme senior junior internet web online english`

// nonEntityCaps are all-capital words that are not names of anything.
const nonEntityCaps = `TV CEO CFO CTO COO GDP AM PM OK ID DNA RNA HIV AIDS COVID PHD PHD UTC GMT
NB PS FAQ SUV IT AI UFO VIP MP MPS PR HQ HR IQ CV USB LED PDF URL HTTP HTML RSS
ATM SMS GPS DJ MC LOL VS EST PST CST EDT PDT BST CET TBA TBD ETA AKA RIP QA Q A I
II III IV V VI VII VIII IX X XI XII XX LGBT LGBTQ ISBN ASAP FYI USD EUR GBP JPY
CHF CNY RUB KM KG MM CM MPH BBQ PC IST CEST CET MSK WAT EAT CAT SAST JST KST AEST HKT PKT UPDATED BREAKING UPDATE NEWS WATCH PHOTOS VIDEO READ MORE`

// titleHeads are words that, before a name, make it a person and become
// its label ("President", "Gen."). Multiword titles are built from these
// and titleModifiers ("Defense Secretary", "Prime Minister").
const titleHeads = `president vice-president premier chancellor minister secretary
secretary-general general gen. lieutenant lt. colonel col. major maj. captain
capt. commander cmdr. admiral adm. marshal sergeant sgt. corporal cpl. private
pvt. brigadier officer chief king queen prince princess emperor empress pope
cardinal archbishop bishop reverend rev. father sister brother imam ayatollah
sheikh sheik emir sultan rabbi governor gov. senator sen. representative rep.
congressman congresswoman congressmember mayor judge justice magistrate
ambassador envoy consul spokesman spokeswoman spokesperson director chairman
chairwoman chairperson chair ceo founder president-elect speaker dr. mr. mrs.
ms. miss mme. m. sir dame lord lady baron count duke duchess professor prof.
detective det. inspector superintendent constable sheriff coach manager
striker midfielder defender goalkeeper quarterback pitcher actor actress singer
rapper author journalist reporter correspondent anchor commissioner deputy
attorney-general attorney prosecutor lawyer dean rector mullah marshal
field-marshal warlord strongman leader head`

// titleModifiers may stand before a title head inside a title:
// "Defense Secretary", "Foreign Minister", "Lt. Gen.".
const titleModifiers = `prime vice deputy acting interim former foreign defense defence
interior home finance economy economic trade health education energy justice
labor labour transport transportation agriculture environment culture
information communications commerce affairs industry treasury state war army navy air
force military police fire armed security intelligence opposition rebel party
junta supreme grand high chief executive managing general attorney lt. lt
lieutenant brig. brigadier major maj. vice-admiral rear first
assistant associate senior special crown council union district county
national federal regional provincial`

// lowerTitles are lower-case nouns that, right before a name, describe a
// person ("junta leader Abdourahamane Tiani", "the ambassador Sylvain
// Itte").
const lowerTitles = `president premier chancellor minister secretary general lieutenant
colonel major captain commander admiral marshal sergeant corporal king queen
prince princess pope cardinal bishop imam ayatollah sheikh emir sultan
governor senator congressman congresswoman mayor judge ambassador envoy consul
spokesman spokeswoman spokesperson director chairman chairwoman ceo founder
leader head chief boss commander-in-chief dictator strongman warlord
lawmaker legislator politician diplomat official officer adviser advisor
analyst expert researcher professor scientist economist journalist reporter
correspondent editor photographer author writer novelist poet actor actress
singer rapper musician artist director producer coach manager player striker
midfielder goalkeeper captain athlete champion activist campaigner lawyer
attorney prosecutor defendant suspect victim witness detective inspector
sheriff priest pastor rabbi cleric preacher businessman businesswoman tycoon
billionaire entrepreneur investor owner dr. mr. mrs. ms. sir`

// personDescriptionHeads start an apposition that describes a person:
// "X, head of Y," or "the head of Y, X,".
const personDescriptionHeads = `head leader chief president chairman chairwoman director founder
commander spokesman spokeswoman spokesperson minister secretary ambassador
envoy governor mayor editor owner ceo member deputy adviser advisor general`

// orgCues inside a capitalised name make it an organization ("Ministry of
// Defense", "Wagner Group"). Checked on the folded word.
const orgCues = `ministry ministries department corps group alliance organization
organisation agency council army navy party union bank times news television
tv télé tele radio university college school academy institute institution
foundation association federation confederation committee commission
court tribunal parliament assembly congress senate cabinet government
company corporation corp corp. inc inc. ltd ltd. llc plc co. gmbh ag sa
airlines airways railways motors industries holdings partners capital
technologies systems labs laboratories entertainment studios pictures records
media broadcasting network channel press post herald journal gazette tribune
telegraph chronicle guardian observer monitor review magazine daily weekly
club fc league church mosque temple police force forces guard guards front
movement brigade brigades battalion regiment division service services
office bureau authority board fund trust society center centre coalition
conference forum bloc caucus cartel gang militia hospital clinic command
advisors associates consulting
museum library orchestra band team foundation council reuters`

// locationCues inside or right after a name make it a place ("Niamey
// airport", "Sahel region", "Zambezi River").
const locationCues = `airport airbase base province region river city town village state
county district municipality prefecture department governorate oblast
island islands isle peninsula mountain mountains mount mt. hill hills valley
lake sea ocean gulf bay strait straits canal coast desert plateau plain
forest park square street avenue road boulevard highway bridge border
port harbour harbor camp capital neighbourhood neighborhood suburb quarter
ave blvd rd cape`

// lowerOrgCues are lower-case nouns that make the name before or after
// them an organization ("the Wagner paramilitary group", "state
// television RTN", "the private L'Enqueteur newspaper").
const lowerOrgCues = `group company firm agency broadcaster television channel newspaper
paper daily weekly magazine network outlet militia party movement
organization organisation organisations organizations association union
alliance coalition bank insurer airline carrier manufacturer maker producer
retailer giant conglomerate startup start-up club team band agency ministry
government regime army website platform service app label studio publisher
university institute foundation charity store stores shop shops boutique
boutiques chain brand jeweller jeweler jewellers jewelers supermarket hotel`

// equipmentCues near a model name make it equipment ("an Ilyushin 76
// plane", "the aircraft, the Il-76").
const equipmentCues = `aircraft airplane aeroplane plane planes jet jets airliner airliners
fighter fighters bomber bombers helicopter helicopters chopper drone drones
tank tanks missile missiles rocket rockets launcher launchers system systems
rifle rifles gun guns howitzer howitzers vehicle vehicles truck trucks
carrier carriers ship ships submarine submarines frigate destroyer warship
vessel vessels transporter transporters satellite satellites phone phones
smartphone car cars engine engines weapon weapons jetliner`

// commonGivenNames are given names that are also common words ("Red",
// "Will"): they do not make a person by themselves.
const commonGivenNames = `red white black green gray grey brown will mark bill art rose grace
faith hope joy may june april august sunny rich young king prince major guy sky
summer winter autumn dawn golden ivory crystal ruby pearl jade amber iris lily
holly ivy daisy violet hazel olive honey candy sandy rusty chase chance page
miles bay cliff dale glen lane ray rod wade woody royal earl duke baron bishop
deacon judge north south east west new fair long short early late love star
china paris georgia virginia carolina dakota washington jordan israel india
sydney austin houston denver dallas phoenix orlando york`

// compassWords join a following region name ("West Africa").
const compassWords = `north south east west northern southern eastern western central
northeast northwest southeast southwest upper lower`

// regions are continents and large world regions (general geography), with
// their adjectives. Format: name|demonym;...
const regions = `Africa|African;Europe|European;Asia|Asian;Oceania|Oceanian;
North America|North American;South America|South American;Latin America|Latin American;
Central America|Central American;Americas;Antarctica|Antarctic;Arctic;Middle East|Middle Eastern;
Near East;Far East;Sahel|Sahelian;Sahara|Saharan;Maghreb|Maghrebi;West Africa|West African;
East Africa|East African;North Africa|North African;Southern Africa;Central Africa|Central African;
Horn of Africa;Sub-Saharan Africa;Balkans|Balkan;Caucasus|Caucasian;Caribbean;Scandinavia|Scandinavian;
Southeast Asia|Southeast Asian;South Asia|South Asian;Central Asia|Central Asian;East Asia|East Asian;
Mediterranean;Baltic;Persian Gulf;Gulf of Guinea;Red Sea;Black Sea;Atlantic;Pacific;Indian Ocean;
Siberia|Siberian;Patagonia;Himalayas|Himalayan;Alps|Alpine;Kashmir|Kashmiri;Gaza;West Bank;
Crimea|Crimean;Donbas;Kurdistan|Kurdish;Darfur;Tigray|Tigrayan;Catalonia|Catalan;Scotland|Scottish;
England;Wales|Welsh;Northern Ireland;Bavaria|Bavarian;Tibet|Tibetan;Chechnya|Chechen;
Alabama;Alaska|Alaskan;Arizona;Arkansas;California|Californian;Colorado;Connecticut;Delaware;Florida|Floridian;
Georgia;Hawaii|Hawaiian;Idaho;Illinois;Indiana;Iowa;Kansas;Kentucky;Louisiana;Maine;Maryland;Massachusetts;
Michigan;Minnesota;Mississippi;Missouri;Montana;Nebraska;Nevada;New Hampshire;New Jersey;New Mexico;
New York;North Carolina;North Dakota;Ohio;Oklahoma;Oregon;Pennsylvania;Rhode Island;South Carolina;
South Dakota;Tennessee;Texas|Texan;Utah;Vermont;Virginia;Washington State;West Virginia;Wisconsin;Wyoming;
Ontario;Quebec;British Columbia;Alberta;Manitoba;Saskatchewan;Nova Scotia;New Brunswick;
New South Wales;Queensland;Victoria;Tasmania;Western Australia;South Australia`

// aliases are well-known alternative names of countries and capitals not
// in world-countries ("U.S.", "Britain"), as name|country common name.
const aliases = `U.S.|United States;U.S.A.|United States;US|United States;USA|United States;
America|United States;United States of America|United States;Britain|United Kingdom;
Great Britain|United Kingdom;U.K.|United Kingdom;UK|United Kingdom;Turkey|Türkiye;
Burkina|Burkina Faso;UAE|United Arab Emirates;U.A.E.|United Arab Emirates;Emirates|United Arab Emirates;
DRC|DR Congo;Congo-Kinshasa|DR Congo;Czech Republic|Czechia;Ivory Coast|Ivory Coast;
Holland|Netherlands;Burma|Myanmar;Vatican|Vatican City;Swaziland|Eswatini;Macedonia|North Macedonia;
East Timor|Timor-Leste;PRC|China;DPRK|North Korea;ROK|South Korea;
Soviet Union|Russia;USSR|Russia`

// demonymAliases are adjectives and nouns of nationality not in
// world-countries, as word|country common name.
const demonymAliases = `Briton|United Kingdom;Britons|United Kingdom;
Saudi|Saudi Arabia;Saudis|Saudi Arabia;Emirati|United Arab Emirates;Turk|Türkiye;Turks|Türkiye;
Soviet|Russia;
Afghani|Afghanistan;Filipino|Philippines;Filipinos|Philippines;Kiwi|New Zealand;
Ivorian|Ivory Coast;Nigerien|Niger;Nigeriens|Niger`

// capitalAliases name capitals by their short form.
const capitalAliases = `Washington|United States;Washington, D.C.|United States;D.C.|United States`

// organizations is a short list of world-known organisations whose names
// carry no cue word, as general knowledge: name|key;... The key groups
// spellings ("al-Qaeda", "Al Qaeda") and acronyms ("UN").
const organizations = `United Nations|united nations;UN|united nations;U.N.|united nations;
NATO|nato;North Atlantic Treaty Organization|nato;European Union|european union;EU|european union;
E.U.|european union;African Union|african union;AU|african union;ECOWAS|ecowas;
Pentagon|pentagon;Kremlin|kremlin;White House|white house;Elysee|elysee;Élysée|elysee;
Downing Street|downing street;Bundeswehr|bundeswehr;Bundestag|bundestag;Knesset|knesset;
Duma|duma;Politburo|politburo;Interpol|interpol;Europol|europol;Red Cross|red cross;
Red Crescent|red crescent;Amnesty International|amnesty international;Human Rights Watch|human rights watch;
Islamic State|islamic state;ISIS|islamic state;ISIL|islamic state;Daesh|islamic state;
Al Qaeda|al qaeda;Al-Qaeda|al qaeda;al-Qaeda|al qaeda;al Qaeda|al qaeda;Al-Qaida|al qaeda;al-Qaida|al qaeda;
Al Qaida|al qaeda;Qaeda|al qaeda;Boko Haram|boko haram;al-Shabaab|al shabaab;Al-Shabaab|al shabaab;
Al Shabaab|al shabaab;Hamas|hamas;Hezbollah|hezbollah;Taliban|taliban;Houthis|houthis;Houthi|houthis;
Wagner|wagner group;Wagner Group|wagner group;FBI|fbi;CIA|cia;NSA|nsa;KGB|kgb;FSB|fsb;GRU|gru;
MI5|mi5;MI6|mi6;Mossad|mossad;IMF|imf;World Bank|world bank;WHO|who;UNICEF|unicef;UNHCR|unhcr;
OPEC|opec;WTO|wto;OSCE|osce;ASEAN|asean;Reuters|reuters;AFP|afp;AP|associated press;
Associated Press|associated press;BBC|bbc;CNN|cnn;Al Jazeera|al jazeera;TASS|tass;RIA Novosti|ria novosti;
Xinhua|xinhua;Google|google;Apple|apple;Microsoft|microsoft;Amazon.com|amazon;Facebook|facebook;
Meta|meta;Twitter|twitter;Telegram|telegram;YouTube|youtube;Tesla|tesla;Boeing|boeing;Airbus|airbus;
Gazprom|gazprom;Rosneft|rosneft`
