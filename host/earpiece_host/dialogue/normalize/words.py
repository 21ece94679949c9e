"""Word lists the rewrites share: words of endearment, thanks in other languages, children, days, clock hours and verb forms.

Each is written once here, as a regular-expression alternation or a table, and imported where it is read
(the intent rules read the words of endearment too).
"""

from __future__ import annotations

# Words of endearment people call each other (and their earpiece) by, said to the OS, never to be kept.
ENDEARMENTS = (r"(?:(?:ya )?(?:love|mate|dear|darling|buddy|pal|hun|honey|sweetie|my friend|my dear|my darling|me duck|mi duck|my duck|duck|pet|bab|babe|chuck|flower|petal|my lovely|"
               r"yaar|bro|bruv|fam|hen|cuz|mucker|sweetheart|hon|darlin|"
               r"my ansum|ansum|my love|mi love|me love|mi dear|me dear|my lover|ma'am|sir|boss|chief|hinny|lass|lad|bud|dude|sugar|shug|baby|walaal|habibi|habibti|bhai|didi|bach|cariad|boy|b'y|cher|butt|butty|"
               r"po|beta|beti|nyabo|sebo|ssebo|pala|machan|palya|min|bor|ace boy|dawlin|marra|marrer|ada|sain|saeen|yara|hajur|dai|thambi|ji|"
               r"mija|mijo|parce|parcero|mi amor|mi rey|mi reina|mi pana|pana|che|bo|negro|negra|vale|chamo|compadre|compa|compay|mi vida|manito|manita|mi hermano|cara|querida|querido|meu|tche|mano|"
               r"basha|abi|abla|khoya|khouya|sahbi|akhi|hayati|canim|hocam))")
# "po": the Filipino word of respect ("hi po", "thank you po"); Hindi "beta", Luganda "nyabo" (madam) and "sebo" (sir),
# Filipino "pala", Sindhi "ada" (brother) and "sain" (sir), Pashto "yara" (friend), Nepali "hajur" and "dai", Tamil "thambi", Hindi "ji"
# Latin American Spanish "mija" and "mijo", Colombian "parce", Argentine and Uruguayan "che" and "bo", Venezuelan "chamo" and "vale"
THANKS_SAID = (r"(?:(?:bahut|bohot|boht|bahot|bohat|bohoma|bahu|muchas|muito|molte|betam|waad) )?(?:asante(?: sana)?|shukriya|meharbani|mehrbani|dhanyavaad|dhanyavad|"
               r"dhanyabad|dhanyawad|nandri|nanri|sthuthi|sthuti|istuti|manana|salamat(?: po)?|(?:mil |muchas )?gracias|aguyje|yuspagara|yusulpayki|merci(?: mingi| boko| beaucoup| bien| jan| joon| khaste nabashi| vielmals?| viumau)?|danke(?: schön| schoen| sehr| vielmals| dir)?|dank (?:je|u)(?: wel)?|bedankt|tusen takk|valeu|brigad[oa]|obrigadinh[oa]|dyakuyu|dyakuiu|dziakuj|dziakuyu|(?:bolshoe |bolshoye )?spasibo(?: bolshoe)?|mh? goi(?: saai| sai)?|maltyox|mesi(?: anpil anpil| anpil)?|grantangi|danki(?: hopi)?|takk(?: skal du ha)?|tack(?: så mycket| sa mycket| ska du ha)?|tak(?! jo\b)(?: skal du have| for det)?|kiitos(?: paljon)?|obrigad[oa]|"
               r"grazie(?: mille| tante)?|teşekkürler|tesekkurler|kamsahamnida|gamsahamnida|zikomo(?: kwambiri)?|ndatenda|webale(?: nyo)?|nagode|na gode|"
               r"diolch(?: yn fawr)?|(?:baie )?dankie|enkosi(?: kakhulu)?|ngiyabonga|siyabonga|fa'?afetai(?: lava)?|vinaka(?: vakalevu)?|"
               r"mahalo(?: nui(?: loa)?)?|kh?o[bp] ?khun(?: (?:krub|krab|khrap|ka|kha))?|terima kasih|arigato(?: gozaimasu)?|xie xie|"
               r"efharisto|efcharisto(?: poli)?|dhonnobad|ke a leboha|malo aupito|malo lava|malo|tenkyu(?: tru| tumas(?: tru)?)?|"
               r"tangkyu(?: tumas(?: tru)?)?|tagio(?: tumas(?: tru)?)?|meitaki(?: ma'?ata)?|fakafetai(?: lasi)?|ko rabwa|kommol(?: tata)?|"
               r"(?:si )?yu'?os ma'?ase|olomwaay|mesulang|sulang|grazzi(?: hafna)?|jerejef|jere jef|"
               r"akpe(?: na wo| kaka)?|i ni ce|misaotra(?: betsaka| indrindra)?|obrigadu|barka|abaraka|medaase|"
               r"dzi[ea]kuj[ea](?: bardzo)?|dzieki|(?:dobre |dobro )?d[ie]ky|dekuji|d[a']?akujem(?: pekne| vela)?|multumesc(?: frumos| mult)?|"
               r"mersi(?: mult)?|blagodar(?:ya|ja|am)|k[oö]sz[oö]n[oö]m(?: sz[eé]pen)?|k[oö]szi|hvala(?: lepa| lijepa| puno| vam| ti)?|"
               r"faleminderit|labai a[cč]iu|a[cč]iu|ai[ty]ah|paldies|(?:katta |chong |kop )?ra[kh]{0,2}m[ae]t|tashakk?o?ur|tashakor|sag ?bol|sag ?ol|"
               r"zor spas|zor supas|supas|spas|merci jan|merci khaste nabashi|kheili mamnoon|mamnoon|motashakeram|shnorhakalutyun|"
               r"shukran(?: jazeelan| jazilan| bzaf| bezaf| ktir| kteer| kitir| kitiir)?|baraka ?(?:allahu?|allahou|llahu?|llahou) fik(?:i|um|oum)?|allah (?:y|yi|i)barek fik(?:i|um|oum)?|cam on(?: nhieu| em| them| anh| chi| ban)?|kyay zu tin ba(?:de)?|kyay zu|hatur nuhun|khop jai(?: lai lai| lai)?|"
               r"kop khun(?: ka| krub)?|awkun|or ?kun(?: charan)?|terima kasih banyak|makasih|mauliate|gomawo|gomapseumnida|"
               r"arigatou|domo arigato|xie xie ni|do jeh(?: saai| sai)?|"
               r"tabe|kurru sumanga'?ka|amese?g[ei]?nalehu|amesegnalew|yekenyel[ae]y|mahadsanid|mahadsantahay|jazak ?(?:allahu? )?(?:khair|khayr|khairan|khayran))")
"""Thanks said in another language: Urdu "shukriya" and "bahut meharbani", Tamil "nandri", Sinhala "bohoma sthuthi",
Pashto "manana", Nepali "dhanyabad", Swahili "asante", Welsh "diolch", Samoan "fa'afetai", Tongan "malo aupito",
Tok Pisin "tenkyu tru", Marshallese "kommol tata", Chamorro "si yu'os ma'ase", Maltese "grazzi", Wolof "jerejef",
Lingala "merci mingi", Ewe "akpe", Bambara "i ni ce", Malagasy "misaotra", Cape Verdean "obrigadu", Moore "barka",
Polish "dziękuję", Czech "díky", Romanian "mulțumesc", Hungarian "köszönöm", Croatian and Slovene "hvala",
Uzbek "katta rahmat", Kazakh "rakhmet", Tajik "tashakkur", Turkmen "sagbol", Kurdish "zor supas", Persian "merci jan",
Amharic "betam amesegnalehu", Tigrinya "yekenyeley", Somali "mahadsanid" and "waad mahadsantahay", ..."""
THANKS_SAID_LAST = (r"(?:tagio(?: tumas)?|tenkyu(?: tru| tumas)?|tangkyu(?: tumas)?|grazzi|gracias|merci|danke|obrigad[oa]|grazie|shukriya|"
                    r"dhanyavaad|dhanyavad|dhanyabad|meharbani|nandri|kommol(?: tata)?|fa'?afetai|fakafetai|vinaka|mahalo|arigato|spasibo|"
                    r"efharisto|efcharisto|xie xie|terima kasih|zikomo|webale|diolch)")
"""Thanks in another language that can be said after a request ("take sugar off the list, tagio"): not the ones
a name or a request's last word may be ("email Kofi Asante", "call him mañana")."""
SAME_TIME = r"(?:(?:also |too )?(?:at )?(?:the )?same time)"
"""The time said again after another day: "push it to Friday, same time", "and one for Saturday also at the same time"."""
CALLS_SAID = r"(?:ideay|diay|mae|maje|asere|vaya|puchica|wepa|klk|fijate|oye compay|oye mi pana|ey mano|davai|slushay|slukhay|mh? goi(?! saai\b| sai\b)|egua|uai|opa|oxe|bah)"
"""A word said to open a request, as a greeting is: Nicaraguan "ideay", Costa Rican "diay" and "mae",
Honduran "maje", Cuban "asere", Salvadoran "vaya" and "puchica", Puerto Rican "wepa" and "ey mano", Dominican "klk",
Guatemalan "fíjate"; Russian "davai" and "slushay", Cantonese "m goi" (please; said alone, thanks); Brazilian "égua", "uai", "opa", "oxe", "bah"."""
HELLO_OR_GOODBYE = r"(?:ciao(?: ciao)?|chao|cau|ahoj|szia|salut|bok|zdravo|aloha|shalom|servus)"
"""Words that say both hello and goodbye (Italian "ciao", Czech "ahoj", Hungarian "szia", Croatian "bok", Hebrew "shalom")."""
GREETINGS_SAID = (r"(?:" + HELLO_OR_GOODBYE + r"|(?:as|a|wa)? ?s+alaa?m(?: o| u|u|o)? ?(?:a|wa )?l[aei][iy]?k(?:o?u)m(?: salaam| assalam)?|wa ?a?l[ae]i?kum (?:as ?|a)?salaa?m|"
                  r"bonjou|bonjour|bonju|hola|ola|namaste|namaskar|namaskaram|nomoskar|vanakkam|ayubowan|aadab|adaab|sat sri akal|salaam|"
                  r"salam|jambo|habari|(?:ni sa )?bula(?: vinaka)?|kia orana|kia ora(?: koutou| e hoa)?|malo e lelei|"
                  r"talofa(?: lava)?|mauri|iakwe|hafa adai|alii|kalimera|kalispera|yia sou|yassou|yasou|bongu|bonswa|gud moning|moning|"
                  r"apinun|halo|dia dhuit|dia duit|bore da|prynhawn da|howzit|molo|sawubona|dumela|goeie more|sannu|"
                  r"mbote(?: na yo)?|mbolo|na ?nga def|akwaa?ba|i ni (?:sogoma|tile|wula)|bo[mn] dia|boa tarde|ne y (?:windiga|yibeogo|zabre)|"
                  r"manao ahoana|salama|bonsoir|bom di|dzien dobry|dobry den|dobar dan|dober dan|buna ziua|buna dimineata|buna seara|buna|"
                  r"jo napot|sziasztok|zivjo|zdravei|selam|mir[eë] ?dita|mir[eë] ?m[eë]ngjes|mir[eë] ?mbr[eë]ma|pershendetje|"
                  r"sak pase|oi|dobroe utro|dobryi den|dobroho ranku|pryvit|vitayu|isanmesez|zao(?: shang hao)?|zaoshang hao|moin(?: moin)?|gruezi|grüezi|gruessech|hej(?:san)?|hei|hoi|hallo|goedemorgen|goeiemorgen|god morgen|guten morgen|guten tag|gr[uü]ss gott|buongiorno|moi|terve|tjena|labas(?: rytas)?|labdien|tere(?: hommikust)?|czesc|marhaba|marhaban|merhaba|merhabalar|ahlan(?: wa sahlan)?|barev(?: dzez)?|"
                  r"salam aleikum|salem|assalomu alaykum|zdravstvuyte|privet|dorood|khosh amadid|choni|slaw|buenos dias|buenas tardes|buenas noches|"
                  r"buenas|buen dia|que mas|que hubo|quiubo|que tal|epale|mba'?eichapa|(?:que )?xopa|sawasdee(?: ka| krub| krab| khrap)?|sawatdee(?: ka| krub| krab)?|mingalaba|"
                  r"sabaidee|sabai dee|horas|punten|sampurasun|selamat pagi|selamat siang|selamat sore|selamat malam|xin chao|chao anh|chao em|"
                  r"annyeong(?: haseyo)?|ohayo(?: gozaimasu)?|konnichiwa|ni hao|nei hou|chum reap suor|suosdei|pranam|kem cho|kem chho)")
"""Hello in another language, said first: "assalam o alaikum", Tamil "vanakkam", Tongan "malo e lelei", Tok Pisin
"moning", Chamorro "hafa adai", Maltese "bongu", Greek "kalimera", Welsh "bore da", Zulu "sawubona", Lingala "mbote",
Bambara "i ni sogoma", Cape Verdean "bon dia", Moore "ne y windiga", Malagasy "manao ahoana", Polish "dzień dobry",
Romanian "bună ziua", Albanian "mirëmbrëma", Slovene "živjo", Hungarian "szia", Arabic "marhaba", Armenian "barev",
Kurdish "choni", ..."""
KIDS = (r"(?:little ones|young ones|young'uns|younguns|youngsters|kiddies|kiddos|bairns|weans|nippers|childer|chiller|pickneys?|pikins?)")
"""Children, as people say it: "how many little ones", "four childer", "bairns"."""
KIN_TITLES = r"(?:auntie|aunty|aunt|uncle|cousin|granny|grandma|grandad|nana|nan)"
"""Kin said as a title before a name, with or without "my": "auntie Claudette", "my uncle Desmond"."""
KIN = (r"(?:wife|husband|son|daughter|mother|father|mum|mom|dad|brother|sister|grandmother|grandfather|grandma|grandpa|grandson|granddaughter|"
       r"aunt|auntie|uncle|cousin|niece|nephew|friend|best friend|boss|neighbou?r|partner|girlfriend|boyfriend|baby)")
"""Family and the people close to the user, as "my ..." names them: whose birthday, number or name is said."""
# The days of the week and the hour of a clock time ("six", "6:30"), as the rewrites of times read them.
HOURS = r"(?:\d{1,2}(?::\d\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
THIRD_PERSON = {"living": "lives", "working": "works", "staying": "stays"}
"""The third person of a verb said as "-ing": "my sister living in Leeds" is "lives in Leeds"."""
BARE_VERB = {"studying": "study", "doing": "do", "working on": "work on", "teaching": "teach", "selling": "sell", "reading": "read",
             "living": "live", "staying": "stay", "working": "work", "swimming": "swim", "running": "run", "riding": "ride",
             "skating": "skate", "dancing": "dance", "shopping": "shop", "golfing": "golf"}
"""The bare verb of an "-ing" form whose stem is not the word less its "ing" ("swimming": swim, but "hunting": hunt)."""
