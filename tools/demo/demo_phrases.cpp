// How demo alerts are told: incident subtypes with their titles and opening paragraphs in
// English, French, Russian and Belarusian, and the sentences of later paragraphs and notes.
// Placeholders are listed in demo_scenario.cpp (TextSlots).

#include "tools/demo/demo_corpus.hpp"

namespace soj::tools::demo {
namespace {

using sv = std::string_view;
using tracker::Category;
using tracker::Justice;
using tracker::VictimKind;

constexpr Target kP = Target::kPerson;
constexpr Target kO = Target::kOutlet;
constexpr Target kN = Target::kNone;
constexpr Justice kJn = Justice::kNone;

// Fields: category, target, source, life-threatening, killing, long detention, short detention,
// justice, only country, weight, then the texts (title, alternative title, opener, French
// title and text, Russian title and text, Belarusian title and text).
const Subtype kSubtypes[] = {
    // ---- detention ----
    {Category::kDetention, kP, SourceHint::kState, true, false, false, false, kJn, "", 3.0,
     "{Role} detained after covering protest in {city}",
     "{Role}{of_outlet} detained while reporting on a protest in {city}",
     "On {date}, {authority} detained {victims} in {city} shortly after {they} had covered a "
     "protest against {topic}. {They} {were} taken to a police station without being told the "
     "grounds for the detention.",
     "{Role_fr} détenu{e} après avoir couvert une manifestation à {city_fr}",
     "Le {date_fr}, {un_role_fr} a été arrêté{e} à {city_fr} après avoir couvert une "
     "manifestation.",
     "Задержание {role_ru_gen} после освещения протеста {city_ru}",
     "{date_num} {city_ru} силовики задержали {role_ru_acc} после освещения акции протеста.",
     "Затрыманне {role_be_gen} пасля асвятлення пратэсту {city_be}",
     "{date_num} {city_be} сілавікі затрымалі {role_be_acc} пасля асвятлення акцыі пратэсту."},
    {Category::kDetention, kP, SourceHint::kState, true, false, false, false, kJn, "", 3.0,
     "{Role} arrested in {city} on charges of {charge}",
     "{Role}{of_outlet} arrested at home in {city} and charged with {charge}",
     "On {date}, {authority} searched the home of {victims} in {city} and arrested {them}. {They} "
     "{were} charged with {charge}, an offence punishable by up to {years} years in prison. "
     "Laptops, phones and notebooks were seized.",
     "{Role_fr} arrêté{e} à {city_fr} et poursuivi{e} pour des motifs politiques",
     "Le {date_fr}, à {city_fr}, les autorités ont perquisitionné le domicile {du_role_fr} et "
     "l'ont placé{e} en détention.",
     "Арест {role_ru_gen} {city_ru}",
     "{date_num} {city_ru} силовики провели обыск у {role_ru_gen} и задержали {role_ru_acc}. "
     "Возбуждено уголовное дело.",
     "Арышт {role_be_gen} {city_be}",
     "{date_num} {city_be} сілавікі правялі ператрус у {role_be_gen} і затрымалі {role_be_acc}. "
     "Узбуджана крымінальная справа."},
    {Category::kDetention, kP, SourceHint::kState, true, false, true, false, kJn, "", 2.5,
     "{Role} sentenced to {years} years in prison in {city}",
     "Court in {city} jails {role}{of_outlet} for {years} years",
     "On {date}, a court in {city} sentenced {victims} to {years} years in prison on charges of "
     "{charge}. {They} had been held in pre-trial detention since {since}. The trial was held "
     "behind closed doors.",
     "{Role_fr} condamné{e} à {years} ans de prison à {city_fr}",
     "Le {date_fr}, un tribunal de {city_fr} a condamné {un_role_fr} à {years} ans de prison.",
     "Суд {city_ru} приговорил {role_ru_acc} к лишению свободы",
     "{date_num} суд {city_ru} приговорил {role_ru_acc} к лишению свободы сроком на {years_ru}.",
     "Суд {city_be} асудзіў {role_be_acc} да пазбаўлення волі",
     "{date_num} суд {city_be} асудзіў {role_be_acc} да пазбаўлення волі тэрмінам на {years_be}."},
    {Category::kDetention, kP, SourceHint::kState, true, false, true, false, kJn, "", 2.0,
     "{Role} held in pre-trial detention in {city}",
     "Pre-trial detention of {role}{of_outlet} extended in {city}",
     "{Victims} {has} been held in pre-trial detention in {city} since {since}. {Authority} "
     "accuse {them} of {charge}; {their} lawyer says the case rests solely on {their} "
     "journalistic work.",
     "{Role_fr} placé{e} en détention provisoire à {city_fr}",
     "Depuis le {since_fr}, {un_role_fr} est placé{e} en détention provisoire à {city_fr}.",
     "{Role_ru} остаётся под стражей {city_ru}",
     "С {since_num} {role_ru} находится под стражей {city_ru}.",
     "{Role_be} застаецца пад вартай {city_be}",
     "З {since_num} {role_be} знаходзіцца пад вартай {city_be}."},
    {Category::kDetention, kP, SourceHint::kState, true, false, false, false, kJn, "", 1.5,
     "{Role}{of_outlet} detained at border crossing near {city}",
     "{Role} held at the border on return to {city}",
     "On {date}, border guards detained {victims} at a crossing point near {city} as {they} {were} "
     "returning from abroad. {Their} phones and laptop were seized and {they} {were} questioned "
     "about {their} reporting on {topic}.",
     "{Role_fr} arrêté{e} à la frontière près de {city_fr}",
     "Le {date_fr}, des gardes-frontières ont arrêté {un_role_fr} près de {city_fr} et saisi son "
     "matériel.",
     "Задержание {role_ru_gen} на границе",
     "{date_num} пограничники задержали {role_ru_acc} на пункте пропуска и изъяли технику.",
     "Затрыманне {role_be_gen} на мяжы",
     "{date_num} памежнікі затрымалі {role_be_acc} на пункце пропуску і канфіскавалі тэхніку."},
    {Category::kDetention, kP, SourceHint::kState, true, false, false, true, kJn, "", 2.0,
     "{Role} given {days} days of administrative arrest in {city}",
     "{Role}{of_outlet} jailed for {days} days after filming protest in {city}",
     "On {date}, a court in {city} sentenced {victims} to {days} days of administrative arrest "
     "for \"petty hooliganism\" after {they} filmed a street protest. The hearing lasted ten "
     "minutes.",
     "{Role_fr} condamné{e} à {days} jours de détention administrative",
     "Le {date_fr}, un tribunal de {city_fr} a condamné {un_role_fr} à {days} jours de "
     "détention administrative.",
     "Административный арест {role_ru_gen} {city_ru}",
     "{date_num} суд {city_ru} назначил {role_ru_dat} {days} суток административного ареста.",
     "Адміністрацыйны арышт {role_be_gen} {city_be}",
     "{date_num} суд {city_be} прызначыў {role_be_dat} {days} сутак адміністрацыйнага арышту."},

    // ---- attack ----
    {Category::kAttack, kP, SourceHint::kNotState, false, false, false, false, kJn, "", 3.0,
     "{Role}{of_outlet} assaulted outside newsroom in {city}",
     "{Role} attacked by unknown assailants in {city}",
     "On {date}, two unidentified men attacked {victims} outside the newsroom in {city}, punching "
     "and kicking {them} before fleeing. {They} {were} treated in hospital for bruises and a "
     "broken nose.",
     "{Role_fr} agressé{e} devant sa rédaction à {city_fr}",
     "Le {date_fr}, {un_role_fr} a été agressé{e} par deux inconnus devant sa rédaction à "
     "{city_fr}.",
     "Нападение на {role_ru_acc} {city_ru}",
     "{date_num} {city_ru} двое неизвестных напали на {role_ru_acc} у здания редакции.",
     "Напад на {role_be_acc} {city_be}",
     "{date_num} {city_be} двое невядомых напалі на {role_be_acc} каля будынка рэдакцыі."},
    {Category::kAttack, kP, SourceHint::kState, false, false, false, false, kJn, "", 2.5,
     "{Role} beaten by police while covering demonstration in {city}",
     "Police use force against {role}{of_outlet} at rally in {city}",
     "On {date}, police officers dispersing a demonstration in {city} beat {victims} with "
     "batons, although {they} {were} wearing a press vest and showed {their} press card. "
     "Equipment worth several thousand euros was damaged.",
     "{Role_fr} frappé{e} par la police lors d'une manifestation à {city_fr}",
     "Le {date_fr}, des policiers ont frappé {un_role_fr} qui couvrait une manifestation à "
     "{city_fr}.",
     "Избиение {role_ru_gen} полицией {city_ru}",
     "{date_num} {city_ru} полицейские избили {role_ru_acc} во время освещения акции протеста.",
     "Збіццё {role_be_gen} міліцыяй {city_be}",
     "{date_num} {city_be} міліцыянты збілі {role_be_acc} падчас асвятлення акцыі пратэсту."},
    {Category::kAttack, kP, SourceHint::kUnknown, false, false, false, false, kJn, "", 1.5,
     "Car of {role}{of_outlet} set on fire in {city}", "Arson attack on car of {role} in {city}",
     "In the night of {date}, unknown persons set fire to the car of {victims}, parked outside "
     "{their} home in {city}. Firefighters put out the blaze; police opened an investigation for "
     "arson.",
     "Voiture {du_role_fr} incendiée à {city_fr}",
     "Dans la nuit du {date_fr}, des inconnus ont incendié la voiture {du_role_fr} à {city_fr}.",
     "Поджог автомобиля {role_ru_gen} {city_ru}",
     "В ночь на {date_num} {city_ru} неизвестные подожгли автомобиль {role_ru_gen}.",
     "Падпал аўтамабіля {role_be_gen} {city_be}",
     "У ноч на {date_num} {city_be} невядомыя падпалілі аўтамабіль {role_be_gen}."},
    {Category::kAttack, kP, SourceHint::kNotState, true, false, false, false, kJn, "", 1.0,
     "Explosive device found under car of {role}{of_outlet} in {city}",
     "Bomb planted under car of {role} in {city}",
     "On {date}, {victims} found an explosive device under {their} car in {city}. Bomb disposal "
     "experts defused it; the police said it could have killed anyone nearby.",
     "Engin explosif découvert sous la voiture {du_role_fr} à {city_fr}",
     "Le {date_fr}, un engin explosif a été découvert sous la voiture {du_role_fr} à {city_fr}.",
     "Взрывное устройство под автомобилем {role_ru_gen} {city_ru}",
     "{date_num} {city_ru} под автомобилем {role_ru_gen} обнаружили взрывное устройство.",
     "Выбуховае прыстасаванне пад аўтамабілем {role_be_gen} {city_be}",
     "{date_num} {city_be} пад аўтамабілем {role_be_gen} знайшлі выбуховае прыстасаванне."},
    {Category::kAttack, kP, SourceHint::kNonState, true, false, false, false, kJn, "", 1.0,
     "{Role}{of_outlet} stabbed in {city}", "{Role} seriously injured in knife attack in {city}",
     "On {date}, a man stabbed {victims} several times in the street in {city}. {They} {were} "
     "taken to hospital in a serious condition. A suspect was arrested the same evening.",
     "{Role_fr} poignardé{e} à {city_fr}",
     "Le {date_fr}, {un_role_fr} a été poignardé{e} dans une rue de {city_fr}.",
     "Нападение с ножом на {role_ru_acc} {city_ru}",
     "{date_num} {city_ru} неизвестный нанёс {role_ru_dat} несколько ножевых ранений.",
     "Напад з нажом на {role_be_acc} {city_be}",
     "{date_num} {city_be} невядомы нанёс {role_be_dat} некалькі нажавых раненняў."},
    {Category::kAttack, kP, SourceHint::kNotState, true, true, false, false, kJn, "", 1.0,
     "{Role}{of_outlet} shot dead in {city}", "{Role} killed outside home in {city}",
     "On {date}, {victims} was shot dead near {their} home in {city}. {They} had been reporting "
     "on {topic} and had received threats in the weeks before the killing.",
     "{Role_fr} tué{e} par balle à {city_fr}",
     "Le {date_fr}, {un_role_fr} a été tué{e} par balle près de son domicile à {city_fr}.",
     "Убийство {role_ru_gen} {city_ru}",
     "{date_num} {city_ru} неизвестные застрелили {role_ru_acc} у собственного дома.",
     "Забойства {role_be_gen} {city_be}",
     "{date_num} {city_be} невядомыя застрэлілі {role_be_acc} каля ўласнага дома."},
    {Category::kAttack, kP, SourceHint::kState, true, true, false, false, kJn, "UA", 1.0,
     "{Role}{of_outlet} killed by shelling while reporting near {city}",
     "{Role} killed in strike near {city}",
     "On {date}, {victims} was killed by shelling while reporting near {city}. {They} {were} "
     "wearing a helmet and a vest marked PRESS.",
     "{Role_fr} tué{e} par un bombardement près de {city_fr}",
     "Le {date_fr}, {un_role_fr} a été tué{e} par un bombardement pendant un reportage près de "
     "{city_fr}.",
     "Гибель {role_ru_gen} при обстреле {city_ru}",
     "{date_num} обстрел {city_ru} унёс жизнь {role_ru_gen}.",
     "Гібель {role_be_gen} пры абстрэле {city_be}",
     "{date_num} абстрэл {city_be} забраў жыццё {role_be_gen}."},

    // ---- harassment ----
    {Category::kHarassment, kP, SourceHint::kNotState, false, false, false, false, kJn, "", 3.0,
     "{Role}{of_outlet} threatened with death after reporting on {topic}",
     "Death threats against {role} in {city}",
     "Since {date}, {victims} {has} received death threats by phone and on social media after "
     "publishing a report on {topic}. One message contained {their} home address in {city}. "
     "{They} reported the threats to the police.",
     "{Role_fr} menacé{e} de mort à {city_fr}",
     "Depuis le {date_fr}, {un_role_fr} reçoit des menaces de mort après la publication d'une "
     "enquête.",
     "Угрозы убийством в адрес {role_ru_gen} {city_ru}",
     "С {date_num} {role_ru} получает угрозы убийством после публикации расследования.",
     "Пагрозы забойствам на адрас {role_be_gen} {city_be}",
     "З {date_num} {role_be} атрымлівае пагрозы забойствам пасля публікацыі расследавання."},
    {Category::kHarassment, kO, SourceHint::kNonState, false, false, false, false, kJn, "", 2.0,
     "{outlet} targeted by SLAPP lawsuit over reporting on {topic}",
     "Abusive lawsuit against {outlet} seeks heavy damages",
     "On {date}, a businessman close to the government filed a defamation lawsuit against "
     "{outlet} in {city}, seeking {amount} in damages over its reporting on {topic}. Legal "
     "experts describe the case as a strategic lawsuit against public participation (SLAPP).",
     "Procédure-bâillon contre {outlet}",
     "Le {date_fr}, un homme d'affaires a intenté une action en diffamation contre {outlet} à "
     "{city_fr}.",
     "Иск SLAPP против издания «{outlet}»",
     "{date_num} бизнесмен подал иск о защите чести и достоинства против издания «{outlet}».",
     "Пазоў SLAPP супраць выдання «{outlet}»",
     "{date_num} бізнесмен падаў пазоў аб абароне гонару і годнасці супраць выдання «{outlet}»."},
    {Category::kHarassment, kP, SourceHint::kNotState, false, false, false, false, kJn, "", 2.5,
     "Online smear campaign against {role}{of_outlet}",
     "{Role} targeted by coordinated online harassment",
     "Since {date}, {victims} {has} been the target of a coordinated smear campaign on social "
     "media, including manipulated images and calls for violence, after {their} reporting on "
     "{topic}. Accounts close to the authorities shared the posts thousands of times.",
     "Campagne de dénigrement en ligne contre {un_role_fr}",
     "Depuis le {date_fr}, {un_role_fr} fait l'objet d'une campagne de dénigrement coordonnée "
     "sur les réseaux sociaux.",
     "Травля {role_ru_gen} в социальных сетях",
     "С {date_num} против {role_ru_gen} ведётся скоординированная кампания травли в социальных "
     "сетях.",
     "Цкаванне {role_be_gen} у сацыяльных сетках",
     "З {date_num} супраць {role_be_gen} вядзецца скаардынаваная кампанія цкавання ў "
     "сацыяльных сетках."},
    {Category::kHarassment, kP, SourceHint::kState, false, false, false, false, kJn, "", 2.0,
     "{Role}{of_outlet} summoned for questioning over reporting in {city}",
     "Police question {role} about sources in {city}",
     "On {date}, {authority} summoned {victims} for questioning in {city} and asked {them} to "
     "reveal the sources of an article on {topic}. {They} refused, citing the protection of "
     "journalistic sources.",
     "{Role_fr} convoqué{e} par la police à {city_fr}",
     "Le {date_fr}, {un_role_fr} a été convoqué{e} par la police et sommé{e} de révéler ses "
     "sources.",
     "Допрос {role_ru_gen} {city_ru}",
     "{date_num} {city_ru} {role_ru_acc} вызвали на допрос и потребовали раскрыть источники.",
     "Допыт {role_be_gen} {city_be}",
     "{date_num} {city_be} {role_be_acc} выклікалі на допыт і запатрабавалі раскрыць крыніцы."},
    {Category::kHarassment, kP, SourceHint::kState, false, false, false, false, kJn, "", 2.0,
     "Criminal case opened against {role}{of_outlet} in {city}",
     "{Role} charged with {charge} in {city}",
     "On {date}, prosecutors in {city} opened a criminal case against {victims} for {charge} "
     "over a publication about {topic}. If convicted, {they} face{s} a prison sentence.",
     "Poursuites pénales contre {un_role_fr} à {city_fr}",
     "Le {date_fr}, le parquet de {city_fr} a ouvert une procédure pénale contre {un_role_fr}.",
     "Уголовное преследование {role_ru_gen} {city_ru}",
     "{date_num} {city_ru} против {role_ru_gen} возбудили уголовное дело.",
     "Крымінальны пераслед {role_be_gen} {city_be}",
     "{date_num} {city_be} супраць {role_be_gen} узбудзілі крымінальную справу."},
    {Category::kHarassment, kP, SourceHint::kState, false, false, false, false, kJn, "", 1.0,
     "{Role}{of_outlet} targeted with spyware", "Phone of {role} infected with spyware",
     "Forensic analysis published on {date} showed that the phone of {victims} had been infected "
     "with commercial spyware for several months. {They} had been investigating {topic}; the "
     "authorities have neither confirmed nor denied using the tool.",
     "{Role_fr} visé{e} par un logiciel espion",
     "Une analyse publiée le {date_fr} montre que le téléphone {du_role_fr} a été infecté par "
     "un logiciel espion.",
     "Шпионская программа в телефоне {role_ru_gen}",
     "Анализ, опубликованный {date_num}, показал, что телефон {role_ru_gen} был заражён "
     "шпионской программой.",
     "Шпіёнская праграма ў тэлефоне {role_be_gen}",
     "Аналіз, апублікаваны {date_num}, паказаў, што тэлефон {role_be_gen} быў заражаны "
     "шпіёнскай праграмай."},
    {Category::kHarassment, kP, SourceHint::kState, false, false, false, false, kJn, "", 2.0,
     "Police search home of {role}{of_outlet} in {city}",
     "Equipment of {role} seized during search in {city}",
     "On {date}, {authority} searched the home of {victims} in {city} for several hours and "
     "seized computers, phones and notebooks. No charges have been brought so far.",
     "Perquisition au domicile {du_role_fr} à {city_fr}",
     "Le {date_fr}, la police a perquisitionné le domicile {du_role_fr} à {city_fr} et saisi son "
     "matériel.",
     "Обыск у {role_ru_gen} {city_ru}",
     "{date_num} {city_ru} силовики провели обыск у {role_ru_gen} и изъяли технику.",
     "Ператрус у {role_be_gen} {city_be}",
     "{date_num} {city_be} сілавікі правялі ператрус у {role_be_gen} і канфіскавалі тэхніку."},

    // ---- impunity ----
    {Category::kImpunity, kP, SourceHint::kUnknown, false, true, false, false, kJn, "", 2.0,
     "Murder of {role}{of_outlet} in {city} still unpunished",
     "No justice for {role} killed in {city}",
     "{Victims} was killed in {city} on {killed}. More than {years_since} years later, the "
     "investigation has not identified those who ordered the killing, and the trial of the "
     "suspected gunman has been repeatedly postponed.",
     "Le meurtre {du_role_fr} à {city_fr} reste impuni",
     "Les commanditaires du meurtre {du_role_fr}, tué{e} à {city_fr} le {killed_fr}, n'ont "
     "toujours pas été identifiés.",
     "Убийство {role_ru_gen} {city_ru} остаётся безнаказанным",
     "Заказчики убийства {role_ru_gen}, совершённого {killed_num}, до сих пор не установлены.",
     "Забойства {role_be_gen} {city_be} застаецца беспакараным",
     "Заказчыкі забойства {role_be_gen}, здзейсненага {killed_num}, дагэтуль не ўстаноўлены."},
    {Category::kImpunity, kP, SourceHint::kState, false, false, false, false, kJn, "", 1.5,
     "Attackers of {role}{of_outlet} acquitted in {city}",
     "Court acquits men accused of assaulting {role} in {city}",
     "On {date}, a court in {city} acquitted the men accused of assaulting {victims} in "
     "{attack_year}, citing a lack of evidence. {Their} lawyer said the investigation had "
     "ignored key testimonies.",
     "Acquittement des agresseurs {du_role_fr} à {city_fr}",
     "Le {date_fr}, un tribunal de {city_fr} a acquitté les agresseurs présumés {du_role_fr}.",
     "Суд {city_ru} оправдал нападавших на {role_ru_acc}",
     "{date_num} суд {city_ru} оправдал обвиняемых в нападении на {role_ru_acc}.",
     "Суд {city_be} апраўдаў нападнікаў на {role_be_acc}",
     "{date_num} суд {city_be} апраўдаў абвінавачаных у нападзе на {role_be_acc}."},
    {Category::kImpunity, kP, SourceHint::kState, false, false, false, false, kJn, "", 1.5,
     "Investigation into assault on {role}{of_outlet} closed without charges",
     "Prosecutors drop case over attack on {role} in {city}",
     "On {date}, prosecutors in {city} closed the investigation into the {attack_year} assault "
     "on {victims} without bringing charges, saying the attackers could not be identified. Video "
     "footage of the attack had been available from the start.",
     "Enquête classée sans suite sur l'agression {du_role_fr}",
     "Le {date_fr}, le parquet de {city_fr} a classé sans suite l'enquête sur l'agression "
     "{du_role_fr}.",
     "Дело о нападении на {role_ru_acc} закрыто",
     "{date_num} прокуратура {city_ru} закрыла дело о нападении на {role_ru_acc}, не установив "
     "виновных.",
     "Справа аб нападзе на {role_be_acc} закрыта",
     "{date_num} пракуратура {city_be} закрыла справу аб нападзе на {role_be_acc}, не "
     "ўстанавіўшы вінаватых."},
    {Category::kImpunity, kP, SourceHint::kUnknown, false, true, false, false, Justice::kPartial,
     "", 1.0, "Gunman convicted, masterminds of murder of {role}{of_outlet} still free",
     "Partial justice in murder case of {role} killed in {city}",
     "On {date}, a court in {city} convicted the man who shot {victims} in {killed_year}, but "
     "those who ordered the killing have not been prosecuted.",
     "Meurtre {du_role_fr} : le tireur condamné, les commanditaires libres",
     "Le {date_fr}, un tribunal de {city_fr} a condamné le tireur, mais les commanditaires du "
     "meurtre {du_role_fr} restent libres.",
     "Убийство {role_ru_gen}: исполнитель осуждён, заказчики на свободе",
     "{date_num} суд {city_ru} осудил исполнителя убийства {role_ru_gen}, но заказчики остаются "
     "на свободе.",
     "Забойства {role_be_gen}: выканаўца асуджаны, заказчыкі на волі",
     "{date_num} суд {city_be} асудзіў выканаўцу забойства {role_be_gen}, але заказчыкі "
     "застаюцца на волі."},

    // ---- chilling effect ----
    {Category::kChilling, kO, SourceHint::kState, false, false, false, false, kJn, "", 2.0,
     "Website of {outlet} blocked by authorities", "Access to {outlet} blocked in {country}",
     "On {date}, the communications regulator ordered internet providers to block the website of "
     "{outlet}, an independent outlet based in {city}. The decision was taken without a court "
     "order and {outlet} was not informed in advance.",
     "Le site de {outlet} bloqué par les autorités",
     "Le {date_fr}, le régulateur a ordonné le blocage du site de {outlet}, média indépendant "
     "basé à {city_fr}.",
     "Блокировка сайта издания «{outlet}»",
     "{date_num} регулятор потребовал от провайдеров заблокировать сайт издания «{outlet}».",
     "Блакаванне сайта выдання «{outlet}»",
     "{date_num} рэгулятар запатрабаваў ад правайдараў заблакаваць сайт выдання «{outlet}»."},
    {Category::kChilling, kO, SourceHint::kState, false, false, false, false, kJn, "", 2.0,
     "{outlet} designated as {label}", "Authorities brand {outlet} {label}",
     "On {date}, the authorities designated {outlet} as {label}. Sharing or financing its content "
     "can now lead to prosecution, and several of its journalists have left the country.",
     "{outlet} qualifié de {label_fr}",
     "Le {date_fr}, les autorités ont qualifié {outlet} de {label_fr}.",
     "Издание «{outlet}» признано {label_ru}",
     "{date_num} власти признали издание «{outlet}» {label_ru}.",
     "Выданне «{outlet}» прызнана {label_be}",
     "{date_num} улады прызналі выданне «{outlet}» {label_be}."},
    {Category::kChilling, kO, SourceHint::kState, false, false, false, false, kJn, "", 1.5,
     "Broadcasting licence of {outlet} revoked", "Regulator suspends broadcasts of {outlet}",
     "On {date}, the media regulator revoked the broadcasting licence of {outlet}, citing alleged "
     "breaches of impartiality rules in its coverage of {topic}. The channel had been one of the "
     "few remaining critical voices on national television.",
     "Licence de diffusion de {outlet} retirée",
     "Le {date_fr}, le régulateur a retiré la licence de diffusion de {outlet}.",
     "Лишение лицензии телеканала «{outlet}»",
     "{date_num} регулятор отозвал лицензию на вещание телеканала «{outlet}».",
     "Пазбаўленне ліцэнзіі тэлеканала «{outlet}»",
     "{date_num} рэгулятар адклікаў ліцэнзію на вяшчанне тэлеканала «{outlet}»."},
    {Category::kChilling, kN, SourceHint::kState, false, false, false, false, kJn, "", 1.5,
     "New law restricts reporting on {topic}",
     "Parliament adopts law threatening media freedom in {country}",
     "On {date}, parliament adopted amendments that allow the authorities to fine or suspend "
     "media outlets for publishing information deemed \"false\" or \"harmful to national "
     "interests\". Journalists' organisations in {country} were not consulted.",
     "Nouvelle loi restreignant la liberté des médias",
     "Le {date_fr}, le parlement a adopté des amendements permettant de suspendre des médias "
     "pour « fausses informations ».",
     "Новый закон ограничивает свободу СМИ",
     "{date_num} парламент принял поправки, позволяющие штрафовать и приостанавливать СМИ за "
     "«ложную информацию».",
     "Новы закон абмяжоўвае свабоду СМІ",
     "{date_num} парламент прыняў папраўкі, якія дазваляюць штрафаваць і прыпыняць СМІ за "
     "«ілжывую інфармацыю»."},
    {Category::kChilling, kP, SourceHint::kState, false, false, false, false, kJn, "", 1.5,
     "Public broadcaster dismisses {role} after critical coverage",
     "{Role}{of_outlet} dismissed after report on {topic}",
     "On {date}, the management of the public broadcaster in {city} dismissed {victims} after "
     "{their} report on {topic} was pulled from the evening news. Colleagues say the dismissal is "
     "part of a wider purge of critical staff.",
     "{Role_fr} licencié{e} par le radiodiffuseur public",
     "Le {date_fr}, le radiodiffuseur public a licencié {un_role_fr} après un reportage "
     "critique.",
     "Увольнение {role_ru_gen} с общественного телевидения",
     "{date_num} руководство общественного вещателя уволило {role_ru_acc} после критического "
     "репортажа.",
     "Звальненне {role_be_gen} з грамадскага тэлебачання",
     "{date_num} кіраўніцтва грамадскага вяшчальніка звольніла {role_be_acc} пасля крытычнага "
     "рэпартажу."},
    {Category::kChilling, kP, SourceHint::kState, false, false, false, false, kJn, "", 1.0,
     "Accreditation of {role}{of_outlet} withdrawn", "{Role} stripped of press accreditation",
     "On {date}, the foreign ministry withdrew the press accreditation of {victims}, giving no "
     "reason. Without accreditation, {they} can no longer work legally in {country}.",
     "Accréditation {du_role_fr} retirée",
     "Le {date_fr}, le ministère des affaires étrangères a retiré l'accréditation {du_role_fr} "
     "sans explication.",
     "Аккредитацию {role_ru_gen} отозвали",
     "{date_num} министерство иностранных дел отозвало аккредитацию {role_ru_gen} без объяснения "
     "причин.",
     "Акрэдытацыю {role_be_gen} адклікалі",
     "{date_num} міністэрства замежных спраў адклікала акрэдытацыю {role_be_gen} без тлумачэння "
     "прычын."},
};

constexpr sv kJournalistRoles[] = {"journalist",    "investigative journalist", "reporter",
                                   "correspondent", "freelance journalist",     "editor-in-chief",
                                   "TV presenter",  "radio journalist"};
constexpr sv kMediaWorkerRoles[] = {"camera operator", "sound engineer", "TV crew member",
                                    "media worker"};
constexpr sv kBloggerRoles[] = {"blogger", "video blogger", "citizen journalist"};
constexpr sv kPhotographerRoles[] = {"photojournalist", "press photographer"};
constexpr sv kOtherRoles[] = {"media lawyer", "press-freedom activist", "journalism student"};

// By VictimKind (journalist, media worker, outlet, blogger, photographer, other), then gender.
const RoleForms kRoleForms[6][2] = {
    {{"Journaliste", "un journaliste", "du journaliste", "Журналист", "журналист", "журналиста",
      "журналиста", "журналисту", "Журналіст", "журналіст", "журналіста", "журналіста",
      "журналісту"},
     {"Journaliste", "une journaliste", "de la journaliste", "Журналистка", "журналистка",
      "журналистки", "журналистку", "журналистке", "Журналістка", "журналістка", "журналісткі",
      "журналістку", "журналістцы"}},
    {{"Caméraman", "un caméraman", "du caméraman", "Оператор", "оператор", "оператора", "оператора",
      "оператору", "Аператар", "аператар", "аператара", "аператара", "аператару"},
     {"Cadreuse", "une cadreuse", "de la cadreuse", "Оператор", "оператор", "оператора",
      "оператора", "оператору", "Аператарка", "аператарка", "аператаркі", "аператарку",
      "аператарцы"}},
    {{"Média", "un média", "du média", "Издание", "издание", "издания", "издание", "изданию",
      "Выданне", "выданне", "выдання", "выданне", "выданню"},
     {"Média", "un média", "du média", "Издание", "издание", "издания", "издание", "изданию",
      "Выданне", "выданне", "выдання", "выданне", "выданню"}},
    {{"Blogueur", "un blogueur", "du blogueur", "Блогер", "блогер", "блогера", "блогера", "блогеру",
      "Блогер", "блогер", "блогера", "блогера", "блогеру"},
     {"Blogueuse", "une blogueuse", "de la blogueuse", "Блогер", "блогер", "блогера", "блогера",
      "блогеру", "Блогерка", "блогерка", "блогеркі", "блогерку", "блогерцы"}},
    {{"Photographe", "un photographe", "du photographe", "Фотограф", "фотограф", "фотографа",
      "фотографа", "фотографу", "Фатограф", "фатограф", "фатографа", "фатографа", "фатографу"},
     {"Photographe", "une photographe", "de la photographe", "Фотограф", "фотограф", "фотографа",
      "фотографа", "фотографу", "Фатограф", "фатограф", "фатографа", "фатографа", "фатографу"}},
    {{"Militant", "un militant", "du militant", "Правозащитник", "правозащитник", "правозащитника",
      "правозащитника", "правозащитнику", "Праваабаронца", "праваабаронца", "праваабаронцы",
      "праваабаронцу", "праваабаронцу"},
     {"Militante", "une militante", "de la militante", "Правозащитница", "правозащитница",
      "правозащитницы", "правозащитницу", "правозащитнице", "Праваабаронца", "праваабаронца",
      "праваабаронцы", "праваабаронцу", "праваабаронцы"}},
};

constexpr sv kBackground[] = {
    "{name} has worked for {outlet} since {since_year}, covering {topic}.",
    "{name} is known for {pos} reporting on {topic} for {outlet}.",
    "{name} has reported for {outlet} for several years and had received warnings about {pos} "
    "work before.",
    "{name}, who works for {outlet}, had been questioned by the police about {pos} sources in "
    "{since_year}."};
constexpr sv kOutletBackground[] = {
    "{outlet}, founded in {since_year}, is one of the few independent newsrooms left in "
    "{country}.",
    "{outlet} publishes investigations into {topic} and reaches several hundred thousand readers "
    "a month.",
    "{outlet} has faced tax inspections and advertising boycotts since {since_year}."};

constexpr sv kDetentionDetails[] = {
    "{Their} lawyer has not been allowed to see the case file, which is classified.",
    "Relatives say that {they} {has} not been allowed to receive letters or parcels.",
    "The court rejected a request for house arrest, citing a risk of flight.",
    "{They} {were} held incommunicado for the first two days."};
constexpr sv kAttackDetails[] = {
    "Police opened an investigation, but no suspect has been identified so far.",
    "The attack was filmed by a passer-by, and the footage was widely shared online.",
    "Local officials condemned the attack and promised a swift investigation.",
    "Colleagues say the attack followed months of verbal threats that went unanswered."};
constexpr sv kHarassmentDetails[] = {
    "This is not the first time {they} {has} been targeted for {their} work.",
    "The authorities have not responded to requests for comment.",
    "Media organisations in {country} say the case is meant to intimidate the wider profession.",
    "{They} {has} asked for police protection, which has not been granted."};
constexpr sv kImpunityDetails[] = {
    "The family has applied to the European Court of Human Rights.",
    "Several key witnesses have never been questioned.",
    "The prosecutor in charge of the case has been replaced three times."};
constexpr sv kChillingDetails[] = {
    "Media organisations warn that the measure will lead to self-censorship.",
    "The decision can be appealed, but courts have so far upheld every similar measure.",
    "Advertisers have started to withdraw from independent outlets since the decision."};

constexpr sv kDetentionDemands[] = {"release {them} immediately and drop all charges",
                                    "release {them} without delay",
                                    "end the criminal prosecution of journalists for their work"};
constexpr sv kAttackDemands[] = {"bring those responsible to justice",
                                 "investigate the attack promptly and effectively",
                                 "ensure the safety of journalists covering public events"};
constexpr sv kHarassmentDemands[] = {"ensure that {they} can work safely",
                                     "stop the intimidation of journalists",
                                     "protect {them} and investigate the threats"};
constexpr sv kImpunityDemands[] = {
    "identify and prosecute all those responsible, including the masterminds",
    "end impunity for crimes against journalists", "reopen the investigation without delay"};
constexpr sv kChillingDemands[] = {"reverse the decision", "withdraw the measure",
                                   "bring the law into line with European standards"};

// Every state reply list opens with the same two non-committal answers.
#define SOJ_GENERIC_REPLIES                                                                    \
  "The authorities thank the Platform for its attention to the case. The matter is being "     \
  "examined by the competent prosecutor, who acts independently.\n\nFurther information will " \
  "be provided once the investigation is complete.",                                           \
      "The Government has taken note of the alert and will inform the Platform of any "        \
      "developments."

constexpr sv kAttackReplies[] = {
    SOJ_GENERIC_REPLIES,
    "The Ministry of Internal Affairs informs that the police opened a criminal investigation "
    "into the incident. Several witnesses have been questioned; the investigation is ongoing.",
    "The police identified and charged two suspects. The case has been sent to court."};
constexpr sv kDetentionReplies[] = {
    SOJ_GENERIC_REPLIES,
    "The Government informs that the person concerned was detained on suspicion of a criminal "
    "offence unrelated to professional activity. All procedural guarantees have been respected.",
    "The Ministry of Justice informs that the detention was reviewed by a court and found lawful. "
    "The decision may be appealed."};
constexpr sv kHarassmentReplies[] = {
    SOJ_GENERIC_REPLIES,
    "The Ministry of Internal Affairs informs that the complaint was registered and that the "
    "police have offered the journalist protection.",
    "The prosecutor's office informs that the proceedings were opened on the basis of a private "
    "complaint and concern statements of fact, not opinions."};
constexpr sv kImpunityReplies[] = {
    SOJ_GENERIC_REPLIES,
    "The Prosecutor General's Office informs that the investigation remains open and that new "
    "forensic examinations have been ordered.",
    "The Government recalls that the courts are independent and that the acquittal may be "
    "appealed by the prosecution."};
constexpr sv kChillingReplies[] = {
    SOJ_GENERIC_REPLIES,
    "The Government recalls that freedom of expression and of the media are guaranteed by the "
    "Constitution. The measure complained of was taken in accordance with the law and is subject "
    "to judicial review.",
    "The regulator informs that the decision was based on repeated breaches of the broadcasting "
    "code, established after a public procedure."};

#undef SOJ_GENERIC_REPLIES

constexpr sv kDetentionFollowUps[] = {
    "The court extended the pre-trial detention by two months.",
    "The appeal was rejected; the sentence stands.",
    "Relatives report that the detainee has not been allowed to see a doctor.",
    "The trial began behind closed doors."};
constexpr sv kAttackFollowUps[] = {
    "Police identified a suspect, who has been charged with causing bodily harm.",
    "The investigation has been suspended for lack of evidence.",
    "The journalist has resumed work but remains under police protection."};
constexpr sv kHarassmentFollowUps[] = {"The threats continued after the alert was published.",
                                       "The prosecutor closed the case against the journalist.",
                                       "The court hearing was postponed to a later date."};
constexpr sv kImpunityFollowUps[] = {"The family's lawyer filed a new request to reopen the case.",
                                     "A new suspect was questioned but released without charge.",
                                     "The hearing was postponed again, for the ninth time."};
constexpr sv kChillingFollowUps[] = {
    "The outlet has appealed the decision in court.",
    "The measure entered into force despite the objections of media organisations.",
    "The outlet has resumed publishing from abroad."};

constexpr sv kDetentionResolutions[] = {"All detained victims have been released.",
                                        "The journalists were released and the charges dropped."};
constexpr sv kAttackResolutions[] = {"The perpetrators were convicted.",
                                     "The attacker was convicted and sentenced to prison."};
constexpr sv kHarassmentResolutions[] = {
    "The proceedings against the journalist were discontinued.",
    "The author of the threats was identified and convicted."};
constexpr sv kImpunityResolutions[] = {
    "All perpetrators, including the mastermind, were convicted."};
constexpr sv kChillingResolutions[] = {
    "The decision was annulled by the court.",
    "The law was amended following consultations with media organisations."};

constexpr sv kReopenReasons[] = {"New information shows the case is not over.",
                                 "The partners reported new developments in the case.",
                                 "The acquittal was overturned on appeal; proceedings resume."};
constexpr sv kRejectionReasons[] = {
    "Outside the platform's scope: the incident does not concern journalistic activity.",
    "The facts could not be verified with a second source.",
    "The threat described does not reach the level required for an alert.",
    "Already covered by an existing alert."};
constexpr sv kWithdrawalReasons[] = {"Submitted by mistake.",
                                     "The victim asked us to withdraw the alert.",
                                     "Another partner had already reported the case.", ""};

std::size_t CategoryIndex(Category c) { return static_cast<std::size_t>(c); }

}  // namespace

std::span<const Subtype> Subtypes() { return kSubtypes; }

std::span<const std::string_view> EnglishRoles(VictimKind kind) {
  switch (kind) {
    case VictimKind::kJournalist:
      return kJournalistRoles;
    case VictimKind::kMediaWorker:
      return kMediaWorkerRoles;
    case VictimKind::kBlogger:
      return kBloggerRoles;
    case VictimKind::kPhotographer:
      return kPhotographerRoles;
    case VictimKind::kOther:
      return kOtherRoles;
    case VictimKind::kMediaOutlet:
      break;
  }
  return {};
}

const RoleForms& TranslatedRole(VictimKind kind, bool female) {
  return kRoleForms[static_cast<std::size_t>(kind)][female ? 1 : 0];
}

std::span<const std::string_view> BackgroundLines() { return kBackground; }
std::span<const std::string_view> OutletBackgroundLines() { return kOutletBackground; }

std::span<const std::string_view> DetailLines(Category category) {
  static constexpr std::span<const sv> kByCategory[] = {
      kAttackDetails, kDetentionDetails, kHarassmentDetails, kImpunityDetails, kChillingDetails};
  return kByCategory[CategoryIndex(category)];
}

std::string_view CallNoun(Category category) {
  static constexpr sv kNouns[] = {"attack", "detention", "harassment", "impunity", "measure"};
  return kNouns[CategoryIndex(category)];
}

std::span<const std::string_view> Demands(Category category) {
  static constexpr std::span<const sv> kByCategory[] = {
      kAttackDemands, kDetentionDemands, kHarassmentDemands, kImpunityDemands, kChillingDemands};
  return kByCategory[CategoryIndex(category)];
}

std::span<const std::string_view> StateReplies(Category category) {
  static constexpr std::span<const sv> kByCategory[] = {
      kAttackReplies, kDetentionReplies, kHarassmentReplies, kImpunityReplies, kChillingReplies};
  return kByCategory[CategoryIndex(category)];
}

std::span<const std::string_view> FollowUps(Category category) {
  static constexpr std::span<const sv> kByCategory[] = {kAttackFollowUps, kDetentionFollowUps,
                                                        kHarassmentFollowUps, kImpunityFollowUps,
                                                        kChillingFollowUps};
  return kByCategory[CategoryIndex(category)];
}

std::span<const std::string_view> ResolutionReasons(Category category) {
  static constexpr std::span<const sv> kByCategory[] = {kAttackResolutions, kDetentionResolutions,
                                                        kHarassmentResolutions,
                                                        kImpunityResolutions, kChillingResolutions};
  return kByCategory[CategoryIndex(category)];
}

std::span<const std::string_view> ReopenReasons() { return kReopenReasons; }
std::span<const std::string_view> RejectionReasons() { return kRejectionReasons; }
std::span<const std::string_view> WithdrawalReasons() { return kWithdrawalReasons; }

}  // namespace soj::tools::demo
