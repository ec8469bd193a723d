//! A deterministic synthetic archive: a glossary of M entities in seven languages (Latin,
//! Cyrillic and Arabic scripts, with admitted short forms and deprecated variants) and N
//! article sets in the same seven languages built from news-like sentences carrying those
//! names, numbers and dates, with a few misspellings injected.

use std::fmt::Write as _;
use std::path::Path;

pub const LANGS: [&str; 7] = ["en", "fr", "de", "es", "ru", "ar", "fa"];

/// xorshift64*: small, fast, the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ri", "mo", "sa", "di", "na", "le", "ha", "zu", "fe", "to", "bi", "ra", "ni", "el", "om",
    "ta", "lu", "me", "si", "ku", "da", "ro", "ne", "bu", "fa", "li", "mu", "so", "ze",
];

/// The Latin spelling of entity `i`: two words of two or three syllables (unique per i).
pub fn latin_name(i: usize) -> String {
    let mut words = Vec::new();
    let mut n = i + 1;
    for w in 0..2 {
        let syllables = 2 + (n % 2);
        let mut word = String::new();
        for _ in 0..syllables {
            word.push_str(SYLLABLES[n % SYLLABLES.len()]);
            n /= SYLLABLES.len();
            n += w * 7 + 3;
        }
        let mut chars = word.chars();
        let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
        words.push(format!("{first}{}", chars.as_str()));
    }
    // A last word encoding the entity number in consonants that every script spells
    // differently keeps names unique at any glossary size, in every language.
    format!("{} {} {}", words[0], words[1], code(i))
}

fn code(mut n: usize) -> String {
    const LETTERS: &[u8] = b"bdfhklmnrstz";
    let mut s = String::new();
    loop {
        s.insert(0, LETTERS[n % LETTERS.len()] as char);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
    }
    let mut chars = s.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('B');
    format!("{first}{}a", chars.as_str())
}

fn transliterate(latin: &str, lang: &str) -> String {
    let map = |c: char| -> String {
        let lower = c.to_ascii_lowercase();
        let s = match lang {
            "ru" => match lower {
                'a' => "а",
                'b' => "б",
                'd' => "д",
                'e' => "е",
                'f' => "ф",
                'h' => "х",
                'i' => "и",
                'k' => "к",
                'l' => "л",
                'm' => "м",
                'n' => "н",
                'o' => "о",
                'r' => "р",
                's' => "с",
                't' => "т",
                'u' => "у",
                'z' => "з",
                'c' => "ц",
                'g' => "г",
                'j' => "ж",
                'p' => "п",
                'q' => "к",
                'v' => "в",
                'w' => "в",
                'x' => "кс",
                'y' => "й",
                ' ' => " ",
                _ => "",
            },
            _ => match lower {
                'a' => "ا",
                'b' => "ب",
                'd' => "د",
                'e' => "ي",
                'f' => "ف",
                'h' => "ه",
                'i' => "ي",
                'k' => {
                    if lang == "fa" {
                        "ک"
                    } else {
                        "ك"
                    }
                }
                'l' => "ل",
                'm' => "م",
                'n' => "ن",
                'o' => "و",
                'r' => "ر",
                's' => "س",
                't' => "ت",
                'u' => "و",
                'z' => "ز",
                'c' => "ش",
                'g' => "ج",
                'j' => "ج",
                'p' => "ب",
                'q' => "ق",
                'v' => "ف",
                'w' => "و",
                'x' => "كس",
                'y' => {
                    if lang == "fa" {
                        "ی"
                    } else {
                        "ي"
                    }
                }
                ' ' => " ",
                _ => "",
            },
        };
        let mut out = s.to_string();
        if lang == "ru" && c.is_ascii_uppercase() {
            out = out.to_uppercase();
        }
        out
    };
    latin.chars().map(map).collect()
}

/// The house-style spelling of entity `i` in a language.
pub fn form(i: usize, lang: &str) -> String {
    let latin = latin_name(i);
    match lang {
        "en" | "de" => latin,
        "fr" => latin.replace("u", "ou"),
        "es" => latin.replace("zu", "su"),
        other => transliterate(&latin, other),
    }
}

/// A known wrong spelling: a letter of the middle word doubled.
pub fn deprecated(i: usize, lang: &str) -> String {
    let f = form(i, lang);
    let words: Vec<&str> = f.split(' ').collect();
    let mut middle: Vec<char> = words[1].chars().collect();
    if middle.len() > 2 {
        let c = middle[1];
        middle.insert(1, c);
    }
    format!(
        "{} {} {}",
        words[0],
        middle.into_iter().collect::<String>(),
        words[2]
    )
}

/// The glossary as long-layout CSV.
pub fn glossary_csv(entities: usize) -> String {
    let mut csv = String::from("id,type,lang,form,status,note\n");
    for i in 0..entities {
        for lang in LANGS {
            let full = form(i, lang);
            let surname = full
                .split_once(' ')
                .map(|(_, s)| s.to_string())
                .unwrap_or_default();
            // (the last two words: "Sadi Bka")
            let _ = writeln!(csv, "e{i},person,{lang},{full},preferred,");
            let _ = writeln!(csv, "e{i},person,{lang},{surname},admitted,");
            let _ = writeln!(
                csv,
                "e{i},person,{lang},{},deprecated,",
                deprecated(i, lang)
            );
        }
    }
    csv
}

const MONTHS: [[&str; 7]; 3] = [
    ["July", "juillet", "Juli", "julio", "июле", "يوليو", "ژوئیه"],
    ["March", "mars", "März", "marzo", "марте", "مارس", "مارس"],
    [
        "October",
        "octobre",
        "Oktober",
        "octubre",
        "октябре",
        "أكتوبر",
        "اکتبر",
    ],
];

/// How many sentence templates each language has.
const TEMPLATES: usize = 14;

/// Sentence templates: {A}, {B} names, {N} a number, {M} a month, {Y} a year. Template k
/// says the same in every language and carries the same placeholders. Half carry no name,
/// as in real wire copy. Names stand in their dictionary form, so in Russian they stand
/// only where the nominative is right (subject, apposition, "возглавлял {B}"); counts are
/// written so that no noun has to agree with {N}.
fn templates(lang: &str) -> [&'static str; TEMPLATES] {
    match lang {
        "en" => [
            "{A} held talks in {M} {Y} with a delegation led by {B}, the first such meeting in more than a decade, officials said.",
            "The death toll from the shelling of the border town has risen to {N}, the regional health ministry said on Tuesday.",
            "“We are ready to resume negotiations without preconditions,” {A} told reporters after the closed-door meeting.",
            "Parliament approved the revised budget in {M} {Y} after weeks of heated debate over defence spending and public-sector wages.",
            "Consumer prices rose {N} percent year on year, the statistics office said, adding to pressure on the central bank to raise interest rates.",
            "{A} said {B} had violated the ceasefire agreement, an accusation the opposition leader’s office dismissed as baseless.",
            "Aid agencies say the number of families displaced by the fighting has reached {N}, many of them sheltering in schools and mosques.",
            "Elections will be held in {M} {Y}, the electoral commission announced, ending months of uncertainty over the timing of the vote.",
            "{A}, who arrived in the capital on Monday for a two-day visit, is expected to sign a series of trade and energy agreements.",
            "The ministry did not respond to a request for comment, and the report could not be independently verified.",
            "{A} and {B} signed a memorandum on pulling heavy weapons back {N} kilometres from the line of contact, the mediators said.",
            "The head of the delegation, {A}, told state television that a final agreement could be reached within days.",
            "{A} stepped down as finance minister in {M} {Y} amid a corruption investigation that has since widened to several senior officials.",
            "Under the agreement signed in {M} {Y}, the number of international observers in the buffer zone is to rise to {N}.",
        ],
        "fr" => [
            "{A} a mené des pourparlers en {M} {Y} avec une délégation conduite par {B}, une première depuis plus d’une décennie, selon des responsables.",
            "Le bilan du bombardement de la ville frontalière s’est alourdi à {N} morts, a annoncé mardi le ministère régional de la Santé.",
            "«\u{a0}Nous sommes prêts à reprendre les négociations sans conditions préalables\u{a0}», a déclaré {A} à la presse après la réunion à huis clos.",
            "Le Parlement a adopté le budget rectificatif en {M} {Y} après des semaines de vifs débats sur les dépenses de défense et les salaires du secteur public.",
            "Les prix à la consommation ont augmenté de {N}\u{a0}% sur un an, selon l’office statistique, ce qui accroît la pression sur la banque centrale pour relever ses taux.",
            "Selon {A}, {B} a violé l’accord de cessez-le-feu, une accusation que le bureau du chef de l’opposition a jugée sans fondement.",
            "Selon les organisations humanitaires, le nombre de familles déplacées par les combats a atteint {N}, dont beaucoup ont trouvé refuge dans des écoles et des mosquées.",
            "Les élections auront lieu en {M} {Y}, a annoncé la commission électorale, mettant fin à des mois d’incertitude sur le calendrier du scrutin.",
            "{A}, arrivé lundi dans la capitale pour une visite de deux jours, doit signer une série d’accords commerciaux et énergétiques.",
            "Le ministère n’a pas répondu à une demande de commentaire et ces informations n’ont pas pu être vérifiées de source indépendante.",
            "{A} et {B} ont signé un mémorandum sur le retrait des armes lourdes à {N} kilomètres de la ligne de contact, ont indiqué les médiateurs.",
            "Le chef de la délégation, {A}, a déclaré à la télévision publique qu’un accord définitif pourrait être conclu d’ici quelques jours.",
            "{A} a démissionné de son poste de ministre des Finances en {M} {Y} sur fond d’enquête pour corruption, élargie depuis à plusieurs hauts responsables.",
            "En vertu de l’accord signé en {M} {Y}, le nombre d’observateurs internationaux dans la zone tampon doit être porté à {N}.",
        ],
        "de" => [
            "{A} führte im {M} {Y} Gespräche mit einer von {B} geleiteten Delegation, das erste Treffen dieser Art seit mehr als einem Jahrzehnt, wie Regierungsvertreter sagten.",
            "Die Zahl der Todesopfer nach dem Beschuss der Grenzstadt ist auf {N} gestiegen, teilte das regionale Gesundheitsministerium am Dienstag mit.",
            "„Wir sind bereit, die Verhandlungen ohne Vorbedingungen wieder aufzunehmen“, sagte {A} nach der Sitzung hinter verschlossenen Türen vor Journalisten.",
            "Das Parlament verabschiedete den Nachtragshaushalt im {M} {Y} nach wochenlangen hitzigen Debatten über Verteidigungsausgaben und Löhne im öffentlichen Dienst.",
            "Die Verbraucherpreise stiegen im Jahresvergleich um {N} Prozent, wie das Statistikamt mitteilte, was den Druck auf die Zentralbank erhöht, die Zinsen anzuheben.",
            "{A} erklärte, {B} habe gegen das Waffenstillstandsabkommen verstoßen, ein Vorwurf, den das Büro des Oppositionsführers als haltlos zurückwies.",
            "Nach Angaben von Hilfsorganisationen ist die Zahl der durch die Kämpfe vertriebenen Familien auf {N} gestiegen; viele suchen Schutz in Schulen und Moscheen.",
            "Die Wahlen sollen im {M} {Y} stattfinden, teilte die Wahlkommission mit und beendete damit monatelange Unklarheit über den Zeitpunkt der Abstimmung.",
            "{A}, der am Montag zu einem zweitägigen Besuch in der Hauptstadt eingetroffen ist, soll eine Reihe von Handels- und Energieabkommen unterzeichnen.",
            "Das Ministerium reagierte nicht auf eine Bitte um Stellungnahme, der Bericht ließ sich nicht unabhängig überprüfen.",
            "{A} und {B} unterzeichneten ein Memorandum über den Abzug schwerer Waffen auf {N} Kilometer Abstand zur Kontaktlinie, teilten die Vermittler mit.",
            "Delegationsleiter {A} sagte dem Staatsfernsehen, eine endgültige Einigung könne innerhalb weniger Tage erzielt werden.",
            "{A} trat im {M} {Y} als Finanzminister zurück, inmitten von Korruptionsermittlungen, die inzwischen auf mehrere hochrangige Beamte ausgeweitet wurden.",
            "Nach dem im {M} {Y} unterzeichneten Abkommen soll die Zahl der internationalen Beobachter in der Pufferzone auf {N} erhöht werden.",
        ],
        "es" => [
            "{A} mantuvo conversaciones en {M} de {Y} con una delegación encabezada por {B}, el primer encuentro de este tipo en más de una década, según fuentes oficiales.",
            "El número de muertos por el bombardeo de la ciudad fronteriza ha ascendido a {N}, informó el martes el Ministerio de Salud regional.",
            "«Estamos dispuestos a reanudar las negociaciones sin condiciones previas», declaró {A} a los periodistas tras la reunión a puerta cerrada.",
            "El Parlamento aprobó el presupuesto revisado en {M} de {Y} tras semanas de intensos debates sobre el gasto en defensa y los salarios del sector público.",
            "Los precios al consumo subieron un {N}\u{a0}% interanual, según la oficina de estadística, lo que aumenta la presión sobre el banco central para subir los tipos de interés.",
            "{A} afirmó que {B} había violado el acuerdo de alto el fuego, una acusación que la oficina del líder opositor calificó de infundada.",
            "Según las organizaciones humanitarias, el número de familias desplazadas por los combates ha llegado a {N}, y muchas se refugian en escuelas y mezquitas.",
            "Las elecciones se celebrarán en {M} de {Y}, anunció la comisión electoral, poniendo fin a meses de incertidumbre sobre el calendario de la votación.",
            "Se espera que {A}, que llegó el lunes a la capital para una visita de dos días, firme una serie de acuerdos comerciales y energéticos.",
            "El ministerio no respondió a una solicitud de comentarios y el informe no pudo ser verificado de forma independiente.",
            "{A} y {B} firmaron un memorando sobre la retirada del armamento pesado a {N} kilómetros de la línea de contacto, según los mediadores.",
            "El jefe de la delegación, {A}, declaró a la televisión estatal que un acuerdo definitivo podría alcanzarse en cuestión de días.",
            "{A} dimitió como ministro de Finanzas en {M} de {Y} en medio de una investigación por corrupción que desde entonces se ha extendido a varios altos cargos.",
            "En virtud del acuerdo firmado en {M} de {Y}, el número de observadores internacionales en la zona de amortiguación deberá elevarse a {N}.",
        ],
        "ru" => [
            "В {M} {Y} года {A} провёл переговоры с делегацией, которую возглавлял {B}; это первая подобная встреча более чем за десятилетие, сообщили официальные лица.",
            "Число погибших в результате обстрела приграничного города возросло до {N}, сообщило во вторник региональное министерство здравоохранения.",
            "«Мы готовы возобновить переговоры без предварительных условий», — заявил журналистам {A} после заседания за закрытыми дверями.",
            "Парламент утвердил пересмотренный бюджет в {M} {Y} года после нескольких недель острых дебатов о расходах на оборону и зарплатах в госсекторе.",
            "Потребительские цены за год выросли на {N}%, сообщило статистическое ведомство; это усиливает давление на центральный банк, от которого ждут повышения ставок.",
            "{A} заявил, что {B} нарушил соглашение о прекращении огня; в офисе лидера оппозиции назвали это обвинение беспочвенным.",
            "По данным гуманитарных организаций, число семей, вынужденных покинуть дома из-за боёв, достигло {N}; многие из них укрываются в школах и мечетях.",
            "Выборы пройдут в {M} {Y} года, объявила избирательная комиссия, положив конец многомесячной неопределённости со сроками голосования.",
            "{A}, прибывший в понедельник в столицу с двухдневным визитом, как ожидается, подпишет ряд торговых и энергетических соглашений.",
            "Министерство не ответило на запрос о комментарии, а независимо проверить эти сведения не удалось.",
            "{A} и {B} подписали меморандум об отводе тяжёлых вооружений на {N} км от линии соприкосновения, сообщили посредники.",
            "Глава делегации {A} заявил государственному телевидению, что окончательное соглашение может быть достигнуто в ближайшие дни.",
            "{A} ушёл в отставку с поста министра финансов в {M} {Y} года на фоне коррупционного расследования, которое с тех пор затронуло ещё нескольких высокопоставленных чиновников.",
            "Согласно соглашению, подписанному в {M} {Y} года, число международных наблюдателей в буферной зоне должно быть увеличено до {N}.",
        ],
        "ar" => [
            "وأجرى {A} في {M} {Y} محادثات مع وفد برئاسة {B}، في أول لقاء من نوعه منذ أكثر من عقد، بحسب مسؤولين.",
            "ارتفع عدد القتلى جراء قصف البلدة الحدودية إلى {N}، بحسب ما أعلنته وزارة الصحة الإقليمية يوم الثلاثاء.",
            "وقال {A} للصحفيين بعد الاجتماع المغلق: «نحن مستعدون لاستئناف المفاوضات دون شروط مسبقة».",
            "وأقر البرلمان الموازنة المعدلة في {M} {Y} بعد أسابيع من الجدل الحاد حول الإنفاق الدفاعي وأجور القطاع العام.",
            "وقال مكتب الإحصاء إن أسعار المستهلكين ارتفعت بنسبة {N}% على أساس سنوي، ما يزيد الضغط على البنك المركزي لرفع أسعار الفائدة.",
            "وقال {A} إن {B} انتهك اتفاق وقف إطلاق النار، وهو اتهام رفضه مكتب زعيم المعارضة ووصفه بأنه لا أساس له.",
            "وتقول منظمات الإغاثة إن عدد الأسر التي نزحت بسبب القتال بلغ {N}، ويحتمي كثير منها في المدارس والمساجد.",
            "وأعلنت اللجنة الانتخابية أن الانتخابات ستجرى في {M} {Y}، منهية أشهرا من الغموض بشأن موعد الاقتراع.",
            "ومن المتوقع أن يوقع {A}، الذي وصل إلى العاصمة يوم الاثنين في زيارة تستغرق يومين، سلسلة من الاتفاقيات التجارية واتفاقيات الطاقة.",
            "ولم ترد الوزارة على طلب للتعليق، ولم يتسن التحقق من صحة التقرير بشكل مستقل.",
            "ووقع {A} و{B} مذكرة تفاهم بشأن سحب الأسلحة الثقيلة مسافة {N} كم من خط التماس، بحسب الوسطاء.",
            "وقال رئيس الوفد {A} للتلفزيون الرسمي إن اتفاقا نهائيا قد يتم التوصل إليه في غضون أيام.",
            "واستقال {A} من منصب وزير المالية في {M} {Y} على خلفية تحقيق في قضايا فساد اتسع منذ ذلك الحين ليشمل عددا من كبار المسؤولين.",
            "وبموجب الاتفاق الموقع في {M} {Y}، من المقرر رفع عدد المراقبين الدوليين في المنطقة العازلة إلى {N}.",
        ],
        _ => [
            "به گفته مقام‌ها، {A} در {M} {Y} با هیئتی به ریاست {B} گفت‌وگو کرد؛ این نخستین دیدار از این دست در بیش از یک دهه گذشته بود.",
            "وزارت بهداشت منطقه روز سه‌شنبه اعلام کرد شمار کشته‌شدگان گلوله‌باران شهر مرزی به {N} تن رسیده است.",
            "{A} پس از نشست غیرعلنی به خبرنگاران گفت: «ما آماده‌ایم مذاکرات را بدون پیش‌شرط از سر بگیریم».",
            "مجلس در {M} {Y} پس از هفته‌ها بحث داغ بر سر هزینه‌های دفاعی و حقوق کارکنان بخش دولتی، بودجه اصلاحی را تصویب کرد.",
            "مرکز آمار اعلام کرد قیمت‌های مصرف‌کننده نسبت به سال گذشته {N} درصد افزایش یافته است؛ امری که فشار بر بانک مرکزی برای افزایش نرخ بهره را بیشتر می‌کند.",
            "{A} گفت {B} توافق آتش‌بس را نقض کرده است؛ دفتر رهبر مخالفان این اتهام را بی‌اساس خواند.",
            "سازمان‌های امدادی می‌گویند شمار خانواده‌هایی که بر اثر درگیری‌ها آواره شده‌اند به {N} رسیده و بسیاری از آن‌ها در مدرسه‌ها و مسجدها پناه گرفته‌اند.",
            "کمیسیون انتخابات اعلام کرد انتخابات در {M} {Y} برگزار می‌شود و به ماه‌ها ابهام درباره زمان رأی‌گیری پایان داد.",
            "انتظار می‌رود {A} که روز دوشنبه برای سفری دوروزه وارد پایتخت شد، مجموعه‌ای از توافق‌نامه‌های تجاری و انرژی را امضا کند.",
            "وزارتخانه به درخواست برای اظهارنظر پاسخ نداد و امکان راستی‌آزمایی مستقل این گزارش وجود نداشت.",
            "به گفته میانجی‌ها، {A} و {B} یادداشت تفاهمی درباره عقب‌نشینی سلاح‌های سنگین تا فاصله {N} کیلومتری خط تماس امضا کردند.",
            "{A}، رئیس هیئت، به تلویزیون دولتی گفت توافق نهایی ممکن است ظرف چند روز آینده حاصل شود.",
            "{A} در {M} {Y} در پی تحقیقاتی درباره فساد که از آن زمان دامنه‌اش به چند مقام ارشد دیگر کشیده شده است، از سمت وزیر دارایی استعفا داد.",
            "بر اساس توافقی که در {M} {Y} امضا شد، شمار ناظران بین‌المللی در منطقه حائل باید به {N} تن افزایش یابد.",
        ],
    }
}

/// Writes `sets` article sets (8 paragraphs of 3 sentences per version) under `dir`;
/// returns the bytes written. About 1 in 40 names is misspelled.
pub fn write_articles(dir: &Path, sets: usize, entities: usize, seed: u64) -> std::io::Result<u64> {
    let mut rng = Rng::new(seed);
    let mut bytes = 0;
    for s in 0..sets {
        let set_dir = dir.join(format!("set{s:06}"));
        std::fs::create_dir_all(&set_dir)?;
        // The same facts for every language of the set.
        let mut facts = Vec::new();
        for _ in 0..24 {
            facts.push((
                rng.below(entities),
                rng.below(entities),
                rng.below(MONTHS.len()),
                2000 + rng.below(25),
                2 + rng.below(500),
                rng.below(TEMPLATES),
            ));
        }
        for (l, lang) in LANGS.iter().enumerate() {
            let mut text = String::with_capacity(32 * 1024);
            for (k, &(a, b, m, y, n, t)) in facts.iter().enumerate() {
                let name = |e: usize, rng: &mut Rng| {
                    if rng.below(40) == 0 {
                        deprecated(e, lang)
                    } else {
                        form(e, lang)
                    }
                };
                let sentence = templates(lang)[t]
                    .replace("{A}", &name(a, &mut rng))
                    .replace("{B}", &name(b, &mut rng))
                    .replace("{M}", MONTHS[m][l])
                    .replace("{Y}", &y.to_string())
                    .replace("{N}", &n.to_string());
                text.push_str(&sentence);
                text.push(if k % 3 == 2 { '\n' } else { ' ' });
            }
            bytes += text.len() as u64;
            std::fs::write(set_dir.join(format!("article.{lang}.txt")), text)?;
        }
    }
    Ok(bytes)
}
