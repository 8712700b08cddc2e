// Countries, people, places and outlets of the demo dataset. Names are common ones of each
// region; outlets are invented, so no real newsroom is tied to an invented incident.

#include "tools/demo/demo_corpus.hpp"

#include <algorithm>

namespace soj::tools::demo {
namespace {

using sv = std::string_view;

// ---- Names, by region -----------------------------------------------------------------------

constexpr sv kBelarusianMale[] = {"Ihar",   "Andrei", "Siarhei", "Aliaksandr", "Dzmitry",
                                  "Raman",  "Ales",   "Pavel",   "Uladzimir",  "Mikalai",
                                  "Yauhen", "Maksim", "Dzianis", "Vadzim"};
constexpr sv kBelarusianFemale[] = {"Katsiaryna", "Maryna", "Darya",  "Iryna", "Ksenia",   "Alena",
                                    "Hanna",      "Volha",  "Palina", "Nasta", "Liudmila", "Yulia"};
constexpr Surname kBelarusianSurnames[] = {
    {"Andreyeu", "Andreyeva"},  {"Ivanou", "Ivanova"},         {"Kavalenka", "Kavalenka"},
    {"Dubovik", "Dubovik"},     {"Sakalou", "Sakalova"},       {"Barysevich", "Barysevich"},
    {"Zhuk", "Zhuk"},           {"Paulau", "Paulava"},         {"Kazlou", "Kazlova"},
    {"Hrynevich", "Hrynevich"}, {"Shymanski", "Shymanskaya"},  {"Marozau", "Marozava"},
    {"Karpovich", "Karpovich"}, {"Lukashevich", "Lukashevich"}};

constexpr sv kRussianMale[] = {"Aleksei", "Dmitry", "Sergei",  "Ivan",  "Mikhail", "Nikolai",
                               "Pavel",   "Andrei", "Yevgeny", "Maxim", "Roman",   "Vladimir"};
constexpr sv kRussianFemale[] = {"Anna",  "Yelena",   "Olga",       "Maria", "Tatiana", "Natalia",
                                 "Irina", "Svetlana", "Yekaterina", "Daria", "Ksenia",  "Yulia"};
constexpr Surname kRussianSurnames[] = {
    {"Ivanov", "Ivanova"},   {"Smirnov", "Smirnova"},   {"Kuznetsov", "Kuznetsova"},
    {"Popov", "Popova"},     {"Sokolov", "Sokolova"},   {"Lebedev", "Lebedeva"},
    {"Kozlov", "Kozlova"},   {"Novikov", "Novikova"},   {"Morozov", "Morozova"},
    {"Volkov", "Volkova"},   {"Solovyov", "Solovyova"}, {"Vasiliev", "Vasilieva"},
    {"Zaitsev", "Zaitseva"}, {"Pavlov", "Pavlova"}};

constexpr sv kUkrainianMale[] = {"Oleksandr", "Andriy", "Serhiy", "Mykola", "Volodymyr", "Dmytro",
                                 "Yuriy",     "Taras",  "Bohdan", "Oleh",   "Vasyl",     "Ihor"};
constexpr sv kUkrainianFemale[] = {"Olena",    "Iryna",  "Natalia",  "Oksana",
                                   "Tetiana",  "Yuliia", "Kateryna", "Viktoriia",
                                   "Svitlana", "Halyna", "Mariia",   "Anastasiia"};
constexpr Surname kUkrainianSurnames[] = {{"Shevchenko", "Shevchenko"}, {"Kovalenko", "Kovalenko"},
                                          {"Bondarenko", "Bondarenko"}, {"Tkachenko", "Tkachenko"},
                                          {"Kravchenko", "Kravchenko"}, {"Boyko", "Boyko"},
                                          {"Melnyk", "Melnyk"},         {"Kovalchuk", "Kovalchuk"},
                                          {"Oliynyk", "Oliynyk"},       {"Lysenko", "Lysenko"},
                                          {"Marchenko", "Marchenko"},   {"Savchenko", "Savchenko"},
                                          {"Rudenko", "Rudenko"},       {"Moroz", "Moroz"}};

constexpr sv kTurkishMale[] = {"Mehmet",  "Ahmet", "Mustafa", "Ali", "Hüseyin", "Hasan",
                               "İbrahim", "Murat", "Emre",    "Can", "Burak",   "Serkan"};
constexpr sv kTurkishFemale[] = {"Ayşe",  "Fatma", "Zeynep", "Elif",  "Emine",  "Hatice",
                                 "Merve", "Özlem", "Sibel",  "Deniz", "Gülşen", "Nurcan"};
constexpr Surname kTurkishSurnames[] = {
    {"Yılmaz", "Yılmaz"},   {"Kaya", "Kaya"},     {"Demir", "Demir"},   {"Şahin", "Şahin"},
    {"Çelik", "Çelik"},     {"Yıldız", "Yıldız"}, {"Öztürk", "Öztürk"}, {"Aydın", "Aydın"},
    {"Özdemir", "Özdemir"}, {"Arslan", "Arslan"}, {"Doğan", "Doğan"},   {"Kılıç", "Kılıç"},
    {"Aslan", "Aslan"},     {"Çetin", "Çetin"},   {"Koç", "Koç"}};

constexpr sv kAzerbaijaniMale[] = {"Ulvi",  "Aziz",   "Elnur", "Tofig", "Emin",   "Farid",
                                   "Ramin", "Teymur", "Anar",  "Rauf",  "Kamran", "Vugar"};
constexpr sv kAzerbaijaniFemale[] = {"Sevinj", "Khadija", "Nargiz",  "Aytaj", "Leyla",
                                     "Gunel",  "Aynur",   "Ulviyya", "Nigar", "Lala"};
constexpr Surname kAzerbaijaniSurnames[] = {
    {"Mammadov", "Mammadova"}, {"Aliyev", "Aliyeva"},   {"Hasanov", "Hasanova"},
    {"Huseynov", "Huseynova"}, {"Guliyev", "Guliyeva"}, {"Ismayilov", "Ismayilova"},
    {"Abbasov", "Abbasova"},   {"Rzayev", "Rzayeva"},   {"Karimov", "Karimova"},
    {"Babayev", "Babayeva"},   {"Hajiyev", "Hajiyeva"}, {"Najafov", "Najafova"}};

constexpr sv kGeorgianMale[] = {"Giorgi", "Levan",   "Davit", "Irakli", "Nika",
                                "Zurab",  "Tornike", "Lasha", "Beka",   "Guram"};
constexpr sv kGeorgianFemale[] = {"Nino",   "Tamar", "Mariam",  "Ana",   "Eka",
                                  "Salome", "Natia", "Ketevan", "Tamta", "Sopho"};
constexpr Surname kGeorgianSurnames[] = {
    {"Beridze", "Beridze"},       {"Kapanadze", "Kapanadze"},
    {"Gelashvili", "Gelashvili"}, {"Maisuradze", "Maisuradze"},
    {"Giorgadze", "Giorgadze"},   {"Lomidze", "Lomidze"},
    {"Tsiklauri", "Tsiklauri"},   {"Bolkvadze", "Bolkvadze"},
    {"Nozadze", "Nozadze"},       {"Javakhishvili", "Javakhishvili"},
    {"Chikovani", "Chikovani"}};

constexpr sv kArmenianMale[] = {"Hayk",   "Aram",  "Armen", "Davit", "Gor",
                                "Tigran", "Narek", "Vahe",  "Levon", "Arsen"};
constexpr sv kArmenianFemale[] = {"Anna", "Lilit",   "Mariam", "Ani",    "Gayane",
                                  "Nune", "Astghik", "Lusine", "Armine", "Siranush"};
constexpr Surname kArmenianSurnames[] = {
    {"Petrosyan", "Petrosyan"}, {"Hovhannisyan", "Hovhannisyan"},
    {"Grigoryan", "Grigoryan"}, {"Harutyunyan", "Harutyunyan"},
    {"Sargsyan", "Sargsyan"},   {"Khachatryan", "Khachatryan"},
    {"Vardanyan", "Vardanyan"}, {"Karapetyan", "Karapetyan"},
    {"Gevorgyan", "Gevorgyan"}, {"Avetisyan", "Avetisyan"},
    {"Mkrtchyan", "Mkrtchyan"}, {"Hakobyan", "Hakobyan"}};

constexpr sv kSouthSlavicMale[] = {"Dragan", "Milan", "Nikola", "Stefan", "Marko",      "Dejan",
                                   "Vuk",    "Goran", "Nenad",  "Ivan",   "Aleksandar", "Bojan"};
constexpr sv kSouthSlavicFemale[] = {"Jelena", "Ivana",   "Milica",  "Jovana", "Ana",   "Marija",
                                     "Tamara", "Dragana", "Snežana", "Maja",   "Vesna", "Sanja"};
constexpr Surname kSouthSlavicSurnames[] = {
    {"Petrović", "Petrović"},   {"Jovanović", "Jovanović"},     {"Nikolić", "Nikolić"},
    {"Marković", "Marković"},   {"Đorđević", "Đorđević"},       {"Stojanović", "Stojanović"},
    {"Ilić", "Ilić"},           {"Stanković", "Stanković"},     {"Pavlović", "Pavlović"},
    {"Kovačević", "Kovačević"}, {"Horvat", "Horvat"},           {"Babić", "Babić"},
    {"Hodžić", "Hodžić"},       {"Stojanovski", "Stojanovska"}, {"Vuković", "Vuković"}};

constexpr sv kBulgarianMale[] = {"Georgi", "Ivan",  "Dimitar", "Nikolay", "Hristo",
                                 "Stoyan", "Petar", "Todor",   "Vasil",   "Kiril"};
constexpr sv kBulgarianFemale[] = {"Maria",   "Elena",      "Ivanka",    "Desislava", "Yordanka",
                                   "Gergana", "Tsvetelina", "Radostina", "Petya",     "Vesela"};
constexpr Surname kBulgarianSurnames[] = {{"Ivanov", "Ivanova"},     {"Georgiev", "Georgieva"},
                                          {"Dimitrov", "Dimitrova"}, {"Petrov", "Petrova"},
                                          {"Nikolov", "Nikolova"},   {"Stoyanov", "Stoyanova"},
                                          {"Todorov", "Todorova"},   {"Angelov", "Angelova"},
                                          {"Kolev", "Koleva"},       {"Marinov", "Marinova"}};

constexpr sv kAlbanianMale[] = {"Arben", "Ilir",  "Gentian", "Erion",   "Besnik",
                                "Artan", "Fatos", "Dritan",  "Klodian", "Altin"};
constexpr sv kAlbanianFemale[] = {"Elira",  "Anila",   "Blerina", "Jonida", "Mirela",
                                  "Ermira", "Valbona", "Entela",  "Arta",   "Drita"};
constexpr Surname kAlbanianSurnames[] = {
    {"Hoxha", "Hoxha"}, {"Krasniqi", "Krasniqi"}, {"Shehu", "Shehu"},   {"Berisha", "Berisha"},
    {"Gashi", "Gashi"}, {"Leka", "Leka"},         {"Çela", "Çela"},     {"Dervishi", "Dervishi"},
    {"Kola", "Kola"},   {"Prifti", "Prifti"},     {"Hasani", "Hasani"}, {"Muça", "Muça"}};

constexpr sv kHungarianMale[] = {"Gábor",  "Péter", "László", "Zoltán", "András",
                                 "Balázs", "Tamás", "Dávid",  "Attila", "Márton"};
constexpr sv kHungarianFemale[] = {"Anna", "Zsófia", "Katalin", "Eszter", "Judit",
                                   "Réka", "Andrea", "Orsolya", "Dóra",   "Nóra"};
constexpr Surname kHungarianSurnames[] = {
    {"Nagy", "Nagy"},       {"Kovács", "Kovács"}, {"Tóth", "Tóth"},     {"Szabó", "Szabó"},
    {"Horváth", "Horváth"}, {"Varga", "Varga"},   {"Kiss", "Kiss"},     {"Molnár", "Molnár"},
    {"Németh", "Németh"},   {"Farkas", "Farkas"}, {"Balogh", "Balogh"}, {"Papp", "Papp"}};

constexpr sv kPolishMale[] = {"Piotr",  "Tomasz", "Paweł",    "Michał", "Krzysztof",
                              "Marcin", "Jakub",  "Wojciech", "Łukasz", "Andrzej"};
constexpr sv kPolishFemale[] = {"Anna",       "Katarzyna", "Magdalena", "Agnieszka",  "Joanna",
                                "Małgorzata", "Monika",    "Ewa",       "Aleksandra", "Justyna"};
constexpr Surname kPolishSurnames[] = {
    {"Kowalski", "Kowalska"},   {"Nowak", "Nowak"},         {"Wiśniewski", "Wiśniewska"},
    {"Wójcik", "Wójcik"},       {"Kamiński", "Kamińska"},   {"Lewandowski", "Lewandowska"},
    {"Zieliński", "Zielińska"}, {"Szymański", "Szymańska"}, {"Woźniak", "Woźniak"},
    {"Dąbrowski", "Dąbrowska"}, {"Kozłowski", "Kozłowska"}, {"Mazur", "Mazur"}};

constexpr sv kCzechSlovakMale[] = {"Jan",   "Petr",  "Tomáš", "Martin", "Jakub",
                                   "Lukáš", "Marek", "Peter", "Michal", "Ján"};
constexpr sv kCzechSlovakFemale[] = {"Jana",     "Eva",     "Petra", "Lucie",    "Zuzana",
                                     "Kateřina", "Martina", "Lenka", "Veronika", "Michaela"};
constexpr Surname kCzechSlovakSurnames[] = {{"Novák", "Nováková"},     {"Svoboda", "Svobodová"},
                                            {"Novotný", "Novotná"},    {"Dvořák", "Dvořáková"},
                                            {"Černý", "Černá"},        {"Kučera", "Kučerová"},
                                            {"Horváth", "Horváthová"}, {"Kováč", "Kováčová"},
                                            {"Varga", "Vargová"},      {"Tóth", "Tóthová"}};

constexpr sv kGreekMale[] = {"Giorgos",  "Nikos",      "Dimitris", "Kostas",  "Yannis",
                             "Christos", "Panagiotis", "Vasilis",  "Andreas", "Stavros"};
constexpr sv kGreekFemale[] = {"Maria",   "Eleni",   "Katerina",  "Sofia",  "Anna",
                               "Georgia", "Despina", "Christina", "Ioanna", "Dimitra"};
constexpr Surname kGreekSurnames[] = {{"Papadopoulos", "Papadopoulou"},
                                      {"Georgiou", "Georgiou"},
                                      {"Nikolaou", "Nikolaou"},
                                      {"Pappas", "Pappa"},
                                      {"Vlachos", "Vlachou"},
                                      {"Oikonomou", "Oikonomou"},
                                      {"Karagiannis", "Karagianni"},
                                      {"Konstantinou", "Konstantinou"},
                                      {"Makris", "Makri"},
                                      {"Ioannou", "Ioannou"},
                                      {"Christodoulou", "Christodoulou"},
                                      {"Antoniou", "Antoniou"}};

constexpr sv kItalianMale[] = {"Marco",  "Giuseppe", "Luca",  "Alessandro", "Francesco",
                               "Andrea", "Matteo",   "Paolo", "Giovanni",   "Roberto"};
constexpr sv kItalianFemale[] = {"Giulia",    "Francesca", "Chiara",   "Sara",  "Martina",
                                 "Valentina", "Elena",     "Federica", "Paola", "Silvia"};
constexpr Surname kItalianSurnames[] = {
    {"Rossi", "Rossi"},     {"Russo", "Russo"},    {"Ferrari", "Ferrari"}, {"Esposito", "Esposito"},
    {"Bianchi", "Bianchi"}, {"Romano", "Romano"},  {"Colombo", "Colombo"}, {"Ricci", "Ricci"},
    {"Marino", "Marino"},   {"Greco", "Greco"},    {"Bruno", "Bruno"},     {"Gallo", "Gallo"},
    {"Conti", "Conti"},     {"De Luca", "De Luca"}};

constexpr sv kMalteseMale[] = {"Joseph",  "Mark",   "Paul", "David",
                               "Matthew", "Daniel", "Karl", "Jean"};
constexpr sv kMalteseFemale[] = {"Maria",     "Rachel",  "Sarah",  "Claire",
                                 "Christine", "Roberta", "Nicole", "Miriam"};
constexpr Surname kMalteseSurnames[] = {
    {"Borg", "Borg"},         {"Camilleri", "Camilleri"}, {"Vella", "Vella"},
    {"Farrugia", "Farrugia"}, {"Zammit", "Zammit"},       {"Galea", "Galea"},
    {"Micallef", "Micallef"}, {"Grech", "Grech"},         {"Attard", "Attard"},
    {"Spiteri", "Spiteri"},   {"Azzopardi", "Azzopardi"}, {"Caruana", "Caruana"}};

constexpr sv kIberianMale[] = {"Carlos", "Javier", "David", "Manuel", "Jorge",  "Pablo",
                               "Miguel", "João",   "Pedro", "Rui",    "Álvaro", "Sergio"};
constexpr sv kIberianFemale[] = {"María", "Laura", "Lucía", "Carmen",  "Marta",    "Elena",
                                 "Ana",   "Inês",  "Sofia", "Beatriz", "Cristina", "Raquel"};
constexpr Surname kIberianSurnames[] = {
    {"García", "García"},       {"Fernández", "Fernández"}, {"González", "González"},
    {"Rodríguez", "Rodríguez"}, {"López", "López"},         {"Martínez", "Martínez"},
    {"Sánchez", "Sánchez"},     {"Pérez", "Pérez"},         {"Silva", "Silva"},
    {"Santos", "Santos"},       {"Ferreira", "Ferreira"},   {"Pereira", "Pereira"},
    {"Costa", "Costa"},         {"Oliveira", "Oliveira"}};

constexpr sv kFrenchMale[] = {"Jean",    "Pierre",  "Nicolas", "Julien", "Thomas",
                              "Antoine", "Mathieu", "Olivier", "Luc",    "Guillaume"};
constexpr sv kFrenchFemale[] = {"Marie",  "Camille", "Julie",   "Claire", "Sophie",
                                "Émilie", "Céline",  "Aurélie", "Léa",    "Nathalie"};
constexpr Surname kFrenchSurnames[] = {
    {"Martin", "Martin"},     {"Bernard", "Bernard"},   {"Dubois", "Dubois"},
    {"Thomas", "Thomas"},     {"Robert", "Robert"},     {"Richard", "Richard"},
    {"Petit", "Petit"},       {"Durand", "Durand"},     {"Leroy", "Leroy"},
    {"Moreau", "Moreau"},     {"Simon", "Simon"},       {"Laurent", "Laurent"},
    {"Lefebvre", "Lefebvre"}, {"Janssens", "Janssens"}, {"Peeters", "Peeters"}};

constexpr sv kGermanMale[] = {"Thomas", "Michael", "Stefan", "Andreas", "Lukas",
                              "Jonas",  "Felix",   "Markus", "Florian", "Tobias"};
constexpr sv kGermanFemale[] = {"Anna",   "Julia", "Katharina", "Laura",   "Lena",
                                "Sabine", "Sarah", "Miriam",    "Johanna", "Claudia"};
constexpr Surname kGermanSurnames[] = {
    {"Müller", "Müller"},     {"Schmidt", "Schmidt"}, {"Schneider", "Schneider"},
    {"Fischer", "Fischer"},   {"Weber", "Weber"},     {"Meyer", "Meyer"},
    {"Wagner", "Wagner"},     {"Becker", "Becker"},   {"Schulz", "Schulz"},
    {"Hoffmann", "Hoffmann"}, {"Huber", "Huber"},     {"Gruber", "Gruber"},
    {"Bauer", "Bauer"},       {"Keller", "Keller"}};

constexpr sv kEnglishMale[] = {"James",   "Daniel", "Thomas", "Michael",     "David",
                               "Patrick", "Sean",   "Owen",   "Christopher", "Ciarán"};
constexpr sv kEnglishFemale[] = {"Sarah",   "Emma",      "Laura",  "Rachel", "Claire",
                                 "Siobhán", "Catherine", "Hannah", "Lucy",   "Aoife"};
constexpr Surname kEnglishSurnames[] = {
    {"Smith", "Smith"},     {"Jones", "Jones"},      {"Williams", "Williams"}, {"Taylor", "Taylor"},
    {"Brown", "Brown"},     {"Davies", "Davies"},    {"Evans", "Evans"},       {"Murphy", "Murphy"},
    {"Kelly", "Kelly"},     {"O'Brien", "O'Brien"},  {"Walsh", "Walsh"},       {"Byrne", "Byrne"},
    {"McKenna", "McKenna"}, {"Campbell", "Campbell"}};

constexpr sv kNordicMale[] = {"Erik",  "Lars",   "Anders", "Johan", "Mikael",
                              "Jonas", "Mikkel", "Henrik", "Jukka", "Sigurður"};
constexpr sv kNordicFemale[] = {"Anna",  "Ingrid", "Sara",  "Karin",   "Maja",
                                "Sofie", "Hanna",  "Liisa", "Kristín", "Emma"};
constexpr Surname kNordicSurnames[] = {
    {"Johansson", "Johansson"}, {"Andersson", "Andersson"}, {"Karlsson", "Karlsson"},
    {"Nilsson", "Nilsson"},     {"Hansen", "Hansen"},       {"Johansen", "Johansen"},
    {"Olsen", "Olsen"},         {"Nielsen", "Nielsen"},     {"Jensen", "Jensen"},
    {"Virtanen", "Virtanen"},   {"Korhonen", "Korhonen"},   {"Lindqvist", "Lindqvist"},
    {"Berg", "Berg"},           {"Jónsson", "Jónsdóttir"}};

constexpr sv kBalticMale[] = {"Tomas",  "Mindaugas", "Darius", "Jānis",
                              "Andris", "Mārtiņš",   "Andrus", "Rasmus"};
constexpr sv kBalticFemale[] = {"Rūta",  "Jurgita",  "Inga",  "Ilze",
                                "Laura", "Kristīne", "Kadri", "Liis"};
constexpr Surname kBalticSurnames[] = {{"Kazlauskas", "Kazlauskienė"},
                                       {"Jankauskas", "Jankauskienė"},
                                       {"Petrauskas", "Petrauskienė"},
                                       {"Bērziņš", "Bērziņa"},
                                       {"Kalniņš", "Kalniņa"},
                                       {"Ozoliņš", "Ozoliņa"},
                                       {"Tamm", "Tamm"},
                                       {"Saar", "Saar"},
                                       {"Sepp", "Sepp"},
                                       {"Mägi", "Mägi"}};

constexpr sv kDutchMale[] = {"Pieter", "Jan",    "Daan",  "Thijs",
                             "Bram",   "Sander", "Joost", "Maarten"};
constexpr sv kDutchFemale[] = {"Sanne", "Anouk",   "Lotte", "Eva",
                               "Femke", "Marloes", "Inge",  "Esther"};
constexpr Surname kDutchSurnames[] = {
    {"de Vries", "de Vries"}, {"Jansen", "Jansen"}, {"de Jong", "de Jong"},
    {"van Dijk", "van Dijk"}, {"Bakker", "Bakker"}, {"Visser", "Visser"},
    {"Smit", "Smit"},         {"Meijer", "Meijer"}, {"de Boer", "de Boer"},
    {"Mulder", "Mulder"},     {"Bos", "Bos"},       {"Vos", "Vos"}};

constexpr sv kRomanianMale[] = {"Andrei", "Mihai",  "Alexandru", "Ion", "Cristian",
                                "Vlad",   "Bogdan", "Radu",      "Dan", "Sergiu"};
constexpr sv kRomanianFemale[] = {"Ioana", "Elena",   "Maria", "Andreea", "Cristina",
                                  "Alina", "Mihaela", "Diana", "Natalia", "Ana"};
constexpr Surname kRomanianSurnames[] = {
    {"Popescu", "Popescu"},   {"Ionescu", "Ionescu"}, {"Popa", "Popa"},
    {"Dumitru", "Dumitru"},   {"Stan", "Stan"},       {"Stoica", "Stoica"},
    {"Gheorghe", "Gheorghe"}, {"Rusu", "Rusu"},       {"Munteanu", "Munteanu"},
    {"Ciobanu", "Ciobanu"},   {"Lungu", "Lungu"},     {"Ceban", "Ceban"}};

#define SOJ_NAME_GROUP(prefix) \
  NameGroup { k##prefix##Male, k##prefix##Female, k##prefix##Surnames }

const NameGroup kBelarusian = SOJ_NAME_GROUP(Belarusian);
const NameGroup kRussian = SOJ_NAME_GROUP(Russian);
const NameGroup kUkrainian = SOJ_NAME_GROUP(Ukrainian);
const NameGroup kTurkish = SOJ_NAME_GROUP(Turkish);
const NameGroup kAzerbaijani = SOJ_NAME_GROUP(Azerbaijani);
const NameGroup kGeorgian = SOJ_NAME_GROUP(Georgian);
const NameGroup kArmenian = SOJ_NAME_GROUP(Armenian);
const NameGroup kSouthSlavic = SOJ_NAME_GROUP(SouthSlavic);
const NameGroup kBulgarian = SOJ_NAME_GROUP(Bulgarian);
const NameGroup kAlbanian = SOJ_NAME_GROUP(Albanian);
const NameGroup kHungarian = SOJ_NAME_GROUP(Hungarian);
const NameGroup kPolish = SOJ_NAME_GROUP(Polish);
const NameGroup kCzechSlovak = SOJ_NAME_GROUP(CzechSlovak);
const NameGroup kGreek = SOJ_NAME_GROUP(Greek);
const NameGroup kItalian = SOJ_NAME_GROUP(Italian);
const NameGroup kMaltese = SOJ_NAME_GROUP(Maltese);
const NameGroup kIberian = SOJ_NAME_GROUP(Iberian);
const NameGroup kFrench = SOJ_NAME_GROUP(French);
const NameGroup kGerman = SOJ_NAME_GROUP(German);
const NameGroup kEnglish = SOJ_NAME_GROUP(English);
const NameGroup kNordic = SOJ_NAME_GROUP(Nordic);
const NameGroup kBaltic = SOJ_NAME_GROUP(Baltic);
const NameGroup kDutch = SOJ_NAME_GROUP(Dutch);
const NameGroup kRomanian = SOJ_NAME_GROUP(Romanian);

#undef SOJ_NAME_GROUP

// ---- Cities ---------------------------------------------------------------------------------

constexpr City kAD[] = {{"Andorra la Vella", "Andorre-la-Vieille", "", ""},
                        {"Escaldes-Engordany", "Escaldes-Engordany", "", ""}};
constexpr City kAL[] = {{"Tirana", "Tirana", "", ""},
                        {"Durrës", "Durrës", "", ""},
                        {"Shkodër", "Shkodër", "", ""},
                        {"Vlorë", "Vlorë", "", ""},
                        {"Elbasan", "Elbasan", "", ""}};
constexpr City kAM[] = {
    {"Yerevan", "Erevan", "", ""}, {"Gyumri", "Gyumri", "", ""}, {"Vanadzor", "Vanadzor", "", ""}};
constexpr City kAT[] = {{"Vienna", "Vienne", "", ""},
                        {"Graz", "Graz", "", ""},
                        {"Linz", "Linz", "", ""},
                        {"Salzburg", "Salzbourg", "", ""},
                        {"Innsbruck", "Innsbruck", "", ""}};
constexpr City kAZ[] = {{"Baku", "Bakou", "", ""},
                        {"Ganja", "Gandja", "", ""},
                        {"Sumgait", "Soumgaït", "", ""},
                        {"Lankaran", "Lankaran", "", ""}};
constexpr City kBA[] = {{"Sarajevo", "Sarajevo", "", ""},
                        {"Banja Luka", "Banja Luka", "", ""},
                        {"Mostar", "Mostar", "", ""},
                        {"Tuzla", "Tuzla", "", ""},
                        {"Zenica", "Zenica", "", ""}};
constexpr City kBE[] = {{"Brussels", "Bruxelles", "", ""},
                        {"Antwerp", "Anvers", "", ""},
                        {"Ghent", "Gand", "", ""},
                        {"Liège", "Liège", "", ""},
                        {"Charleroi", "Charleroi", "", ""}};
constexpr City kBG[] = {{"Sofia", "Sofia", "", ""},
                        {"Plovdiv", "Plovdiv", "", ""},
                        {"Varna", "Varna", "", ""},
                        {"Burgas", "Bourgas", "", ""}};
constexpr City kBY[] = {{"Minsk", "Minsk", "в Минске", "у Мінску"},
                        {"Homel", "Gomel", "в Гомеле", "у Гомелі"},
                        {"Brest", "Brest", "в Бресте", "у Брэсце"},
                        {"Vitebsk", "Vitebsk", "в Витебске", "у Віцебску"},
                        {"Mahiliou", "Moguilev", "в Могилёве", "у Магілёве"},
                        {"Hrodna", "Grodno", "в Гродно", "у Гродне"},
                        {"Babruisk", "Babrouïsk", "в Бобруйске", "у Бабруйску"},
                        {"Pinsk", "Pinsk", "в Пинске", "у Пінску"}};
constexpr City kCH[] = {{"Zurich", "Zurich", "", ""},
                        {"Geneva", "Genève", "", ""},
                        {"Bern", "Berne", "", ""},
                        {"Lausanne", "Lausanne", "", ""},
                        {"Basel", "Bâle", "", ""}};
constexpr City kCY[] = {{"Nicosia", "Nicosie", "", ""},
                        {"Limassol", "Limassol", "", ""},
                        {"Larnaca", "Larnaca", "", ""},
                        {"Paphos", "Paphos", "", ""}};
constexpr City kCZ[] = {{"Prague", "Prague", "", ""},
                        {"Brno", "Brno", "", ""},
                        {"Ostrava", "Ostrava", "", ""},
                        {"Plzeň", "Pilsen", "", ""}};
constexpr City kDE[] = {{"Berlin", "Berlin", "", ""},       {"Hamburg", "Hambourg", "", ""},
                        {"Munich", "Munich", "", ""},       {"Cologne", "Cologne", "", ""},
                        {"Leipzig", "Leipzig", "", ""},     {"Dresden", "Dresde", "", ""},
                        {"Frankfurt", "Francfort", "", ""}, {"Chemnitz", "Chemnitz", "", ""}};
constexpr City kDK[] = {{"Copenhagen", "Copenhague", "", ""},
                        {"Aarhus", "Aarhus", "", ""},
                        {"Odense", "Odense", "", ""}};
constexpr City kEE[] = {
    {"Tallinn", "Tallinn", "", ""}, {"Tartu", "Tartu", "", ""}, {"Narva", "Narva", "", ""}};
constexpr City kES[] = {{"Madrid", "Madrid", "", ""},    {"Barcelona", "Barcelone", "", ""},
                        {"Valencia", "Valence", "", ""}, {"Seville", "Séville", "", ""},
                        {"Bilbao", "Bilbao", "", ""},    {"Palma", "Palma", "", ""}};
constexpr City kFI[] = {
    {"Helsinki", "Helsinki", "", ""}, {"Tampere", "Tampere", "", ""}, {"Turku", "Turku", "", ""}};
constexpr City kFR[] = {{"Paris", "Paris", "", ""},   {"Marseille", "Marseille", "", ""},
                        {"Lyon", "Lyon", "", ""},     {"Toulouse", "Toulouse", "", ""},
                        {"Nantes", "Nantes", "", ""}, {"Bordeaux", "Bordeaux", "", ""},
                        {"Lille", "Lille", "", ""},   {"Strasbourg", "Strasbourg", "", ""}};
constexpr City kGB[] = {{"London", "Londres", "", ""},        {"Belfast", "Belfast", "", ""},
                        {"Manchester", "Manchester", "", ""}, {"Glasgow", "Glasgow", "", ""},
                        {"Birmingham", "Birmingham", "", ""}, {"Liverpool", "Liverpool", "", ""},
                        {"Cardiff", "Cardiff", "", ""},       {"Edinburgh", "Édimbourg", "", ""}};
constexpr City kGE[] = {{"Tbilisi", "Tbilissi", "", ""},
                        {"Batumi", "Batoumi", "", ""},
                        {"Kutaisi", "Koutaïssi", "", ""},
                        {"Rustavi", "Roustavi", "", ""},
                        {"Zugdidi", "Zougdidi", "", ""}};
constexpr City kGR[] = {{"Athens", "Athènes", "", ""},
                        {"Thessaloniki", "Thessalonique", "", ""},
                        {"Patras", "Patras", "", ""},
                        {"Heraklion", "Héraklion", "", ""},
                        {"Lesvos", "Lesbos", "", ""}};
constexpr City kHR[] = {{"Zagreb", "Zagreb", "", ""},
                        {"Split", "Split", "", ""},
                        {"Rijeka", "Rijeka", "", ""},
                        {"Osijek", "Osijek", "", ""}};
constexpr City kHU[] = {{"Budapest", "Budapest", "", ""},
                        {"Debrecen", "Debrecen", "", ""},
                        {"Szeged", "Szeged", "", ""},
                        {"Pécs", "Pécs", "", ""},
                        {"Miskolc", "Miskolc", "", ""}};
constexpr City kIE[] = {{"Dublin", "Dublin", "", ""},
                        {"Cork", "Cork", "", ""},
                        {"Galway", "Galway", "", ""},
                        {"Limerick", "Limerick", "", ""}};
constexpr City kIS[] = {{"Reykjavík", "Reykjavik", "", ""}, {"Akureyri", "Akureyri", "", ""}};
constexpr City kIT[] = {
    {"Rome", "Rome", "", ""},     {"Milan", "Milan", "", ""},
    {"Naples", "Naples", "", ""}, {"Palermo", "Palerme", "", ""},
    {"Turin", "Turin", "", ""},   {"Bologna", "Bologne", "", ""},
    {"Bari", "Bari", "", ""},     {"Reggio Calabria", "Reggio de Calabre", "", ""}};
constexpr City kLI[] = {{"Vaduz", "Vaduz", "", ""}, {"Schaan", "Schaan", "", ""}};
constexpr City kLT[] = {
    {"Vilnius", "Vilnius", "", ""}, {"Kaunas", "Kaunas", "", ""}, {"Klaipėda", "Klaipėda", "", ""}};
constexpr City kLU[] = {{"Luxembourg", "Luxembourg", "", ""},
                        {"Esch-sur-Alzette", "Esch-sur-Alzette", "", ""}};
constexpr City kLV[] = {
    {"Riga", "Riga", "", ""}, {"Daugavpils", "Daugavpils", "", ""}, {"Liepāja", "Liepāja", "", ""}};
constexpr City kMC[] = {{"Monaco", "Monaco", "", ""}};
constexpr City kMD[] = {{"Chișinău", "Chisinau", "", ""},
                        {"Bălți", "Bălți", "", ""},
                        {"Tiraspol", "Tiraspol", "", ""},
                        {"Comrat", "Comrat", "", ""}};
constexpr City kME[] = {{"Podgorica", "Podgorica", "", ""},
                        {"Nikšić", "Nikšić", "", ""},
                        {"Budva", "Budva", "", ""},
                        {"Bar", "Bar", "", ""}};
constexpr City kMK[] = {{"Skopje", "Skopje", "", ""},
                        {"Bitola", "Bitola", "", ""},
                        {"Kumanovo", "Koumanovo", "", ""},
                        {"Tetovo", "Tetovo", "", ""}};
constexpr City kMT[] = {{"Valletta", "La Valette", "", ""},
                        {"Sliema", "Sliema", "", ""},
                        {"Birkirkara", "Birkirkara", "", ""},
                        {"Mosta", "Mosta", "", ""}};
constexpr City kNL[] = {{"Amsterdam", "Amsterdam", "", ""},
                        {"Rotterdam", "Rotterdam", "", ""},
                        {"The Hague", "La Haye", "", ""},
                        {"Utrecht", "Utrecht", "", ""}};
constexpr City kNO[] = {
    {"Oslo", "Oslo", "", ""}, {"Bergen", "Bergen", "", ""}, {"Trondheim", "Trondheim", "", ""}};
constexpr City kPL[] = {{"Warsaw", "Varsovie", "", ""}, {"Kraków", "Cracovie", "", ""},
                        {"Gdańsk", "Gdansk", "", ""},   {"Wrocław", "Wroclaw", "", ""},
                        {"Poznań", "Poznan", "", ""},   {"Łódź", "Lodz", "", ""},
                        {"Lublin", "Lublin", "", ""}};
constexpr City kPT[] = {{"Lisbon", "Lisbonne", "", ""},
                        {"Porto", "Porto", "", ""},
                        {"Coimbra", "Coimbra", "", ""},
                        {"Braga", "Braga", "", ""}};
constexpr City kRO[] = {{"Bucharest", "Bucarest", "", ""},
                        {"Cluj-Napoca", "Cluj-Napoca", "", ""},
                        {"Timișoara", "Timișoara", "", ""},
                        {"Iași", "Iași", "", ""},
                        {"Constanța", "Constanța", "", ""}};
constexpr City kRS[] = {{"Belgrade", "Belgrade", "", ""},
                        {"Novi Sad", "Novi Sad", "", ""},
                        {"Niš", "Nis", "", ""},
                        {"Kragujevac", "Kragujevac", "", ""},
                        {"Subotica", "Subotica", "", ""}};
constexpr City kRU[] = {
    {"Moscow", "Moscou", "в Москве", "у Маскве"},
    {"St Petersburg", "Saint-Pétersbourg", "в Санкт-Петербурге", "у Санкт-Пецярбургу"},
    {"Kazan", "Kazan", "в Казани", "у Казані"},
    {"Yekaterinburg", "Iekaterinbourg", "в Екатеринбурге", "у Екацярынбургу"},
    {"Novosibirsk", "Novossibirsk", "в Новосибирске", "у Новасібірску"},
    {"Krasnodar", "Krasnodar", "в Краснодаре", "у Краснадары"},
    {"Grozny", "Grozny", "в Грозном", "у Грозным"},
    {"Makhachkala", "Makhatchkala", "в Махачкале", "у Махачкале"},
    {"Nizhny Novgorod", "Nijni Novgorod", "в Нижнем Новгороде", "у Ніжнім Ноўгарадзе"},
    {"Pskov", "Pskov", "в Пскове", "у Пскове"}};
constexpr City kSE[] = {{"Stockholm", "Stockholm", "", ""},
                        {"Gothenburg", "Göteborg", "", ""},
                        {"Malmö", "Malmö", "", ""},
                        {"Uppsala", "Uppsala", "", ""}};
constexpr City kSI[] = {
    {"Ljubljana", "Ljubljana", "", ""}, {"Maribor", "Maribor", "", ""}, {"Koper", "Koper", "", ""}};
constexpr City kSK[] = {{"Bratislava", "Bratislava", "", ""},
                        {"Košice", "Košice", "", ""},
                        {"Žilina", "Žilina", "", ""},
                        {"Nitra", "Nitra", "", ""}};
constexpr City kSM[] = {{"San Marino", "Saint-Marin", "", ""}};
constexpr City kTR[] = {{"Istanbul", "Istanbul", "", ""}, {"Ankara", "Ankara", "", ""},
                        {"İzmir", "Izmir", "", ""},       {"Diyarbakır", "Diyarbakır", "", ""},
                        {"Antalya", "Antalya", "", ""},   {"Gaziantep", "Gaziantep", "", ""},
                        {"Van", "Van", "", ""},           {"Mardin", "Mardin", "", ""}};
constexpr City kUA[] = {{"Kyiv", "Kyiv", "в Киеве", "у Кіеве"},
                        {"Kharkiv", "Kharkiv", "в Харькове", "у Харкаве"},
                        {"Odesa", "Odessa", "в Одессе", "у Адэсе"},
                        {"Lviv", "Lviv", "во Львове", "у Львове"},
                        {"Dnipro", "Dnipro", "в Днепре", "у Дняпры"},
                        {"Zaporizhzhia", "Zaporijia", "в Запорожье", "у Запарожжы"},
                        {"Mykolaiv", "Mykolaïv", "в Николаеве", "у Мікалаеве"},
                        {"Kherson", "Kherson", "в Херсоне", "у Херсоне"}};

// ---- Outlets (invented) ---------------------------------------------------------------------

constexpr sv kBYOutlets[] = {"Nasha Slova",  "Hrodna Vestnik",      "Minsk Courier",
                             "Volny Efir",   "Homel Weekly Review", "Belarus Independent Online",
                             "Pahonia Media"};
constexpr sv kRUOutlets[] = {"Novaya Volna",       "Sibirsky Vestnik", "Kazan Reporter",
                             "Open Region",        "Radio Sever",      "Moscow Independent Review",
                             "Ural Investigations"};
constexpr sv kTROutlets[] = {"Gündem Haber", "Özgür Ses",     "Kent Gazetesi", "Bağımsız Medya",
                             "Yeni Bakış",   "Haber Postası", "Dicle Bülten"};
constexpr sv kAZOutlets[] = {"Meydan Xəbər", "Baku Inquirer", "Azadlıq Online", "Xalq Səsi",
                             "Caspian Investigations"};
constexpr sv kUAOutlets[] = {"Pivden Media", "Kharkiv Observer", "Ukrainska Khvylia",
                             "Dnipro Reporter", "Podillia News"};
constexpr sv kRSOutlets[] = {"Glas Beograda", "Nezavisni Portal", "Novosadski Vesnik",
                             "Istraživački Centar Srbija", "Južne Novine"};
constexpr sv kGEOutlets[] = {"Tbilisi Post", "Batumi Reporter", "Sakartvelos Khma", "Mtis Ambebi"};
constexpr sv kHUOutlets[] = {"Szabad Hang", "Budapesti Figyelő", "Független Hírek",
                             "Alföldi Napló"};
constexpr sv kPLOutlets[] = {"Kurier Wolności", "Głos Regionu", "Portal Obywatelski",
                             "Gazeta Pomorska Niezależna"};
constexpr sv kGBOutlets[] = {"The Northern Ledger", "London Investigative Bureau",
                             "Belfast Evening Record", "The Civic Standard"};
constexpr sv kFROutlets[] = {"Le Courrier Libre", "La Voix du Quartier", "Investigations Sud",
                             "L'Observateur Lyonnais"};
constexpr sv kITOutlets[] = {"Il Cronista Libero", "Voce del Sud", "L'Inchiesta Calabrese",
                             "Gazzetta Civica"};
constexpr sv kGROutlets[] = {"Athens Free Press", "Ta Nea tou Notou", "Aegean Investigations"};
constexpr sv kESOutlets[] = {"El Observador Libre", "Diario Cívico", "La Voz de Levante"};
constexpr sv kDEOutlets[] = {"Freie Rundschau", "Leipziger Blick", "Recherche Nord"};

// Everything in scope, in tracker::Countries() order.
const CountryProfile kProfiles[] = {
    {"AD", 0.1, Climate::kOpen, &kIberian, kAD, {}, "", "", "", "", ""},
    {"AL", 1.5, Climate::kTroubled, &kAlbanian, kAL, {}, "", "", "", "", ""},
    {"AM", 2.0, Climate::kTroubled, &kArmenian, kAM, {}, "", "", "", "", ""},
    {"AT", 1.0, Climate::kOpen, &kGerman, kAT, {}, "", "", "", "", ""},
    {"AZ", 6.0, Climate::kRestrictive, &kAzerbaijani, kAZ, kAZOutlets, "",
     "a \"foreign-funded\" outlet", "média « financé par l'étranger »",
     "«финансируемым из-за рубежа»", "«фінансаваным з-за мяжы»"},
    {"BA", 2.0, Climate::kTroubled, &kSouthSlavic, kBA, {}, "", "", "", "", ""},
    {"BE", 1.0, Climate::kOpen, &kFrench, kBE, {}, "", "", "", "", ""},
    {"BG", 1.5, Climate::kTroubled, &kBulgarian, kBG, {}, "", "", "", "", ""},
    {"BY", 22.0, Climate::kClosed, &kBelarusian, kBY, kBYOutlets, "", "an \"extremist formation\"",
     "« formation extrémiste »", "«экстремистским формированием»", "«экстрэмісцкім фармаваннем»"},
    {"CH", 0.4, Climate::kOpen, &kGerman, kCH, {}, "", "", "", "", ""},
    {"CY", 1.0, Climate::kTroubled, &kGreek, kCY, {}, "", "", "", "", ""},
    {"CZ", 1.0, Climate::kOpen, &kCzechSlovak, kCZ, {}, "the ", "", "", "", ""},
    {"DE", 3.0, Climate::kOpen, &kGerman, kDE, kDEOutlets, "", "", "", "", ""},
    {"DK", 0.5, Climate::kOpen, &kNordic, kDK, {}, "", "", "", "", ""},
    {"EE", 0.4, Climate::kOpen, &kBaltic, kEE, {}, "", "", "", "", ""},
    {"ES", 3.0, Climate::kOpen, &kIberian, kES, kESOutlets, "", "", "", "", ""},
    {"FI", 0.3, Climate::kOpen, &kNordic, kFI, {}, "", "", "", "", ""},
    {"FR", 4.0, Climate::kOpen, &kFrench, kFR, kFROutlets, "", "", "", "", ""},
    {"GB", 4.0, Climate::kOpen, &kEnglish, kGB, kGBOutlets, "the ", "", "", "", ""},
    {"GE", 5.0, Climate::kTroubled, &kGeorgian, kGE, kGEOutlets, "",
     "an \"agent of foreign influence\"", "« agent d'influence étrangère »",
     "«агентом иностранного влияния»", "«агентам замежнага ўплыву»"},
    {"GR", 4.0, Climate::kTroubled, &kGreek, kGR, kGROutlets, "", "", "", "", ""},
    {"HR", 1.5, Climate::kTroubled, &kSouthSlavic, kHR, {}, "", "", "", "", ""},
    {"HU", 4.0, Climate::kTroubled, &kHungarian, kHU, kHUOutlets, "",
     "a threat to \"national sovereignty\"", "menace pour la « souveraineté nationale »",
     "«угрозой национальному суверенитету»", "«пагрозай нацыянальнаму суверэнітэту»"},
    {"IE", 0.7, Climate::kOpen, &kEnglish, kIE, {}, "", "", "", "", ""},
    {"IS", 0.2, Climate::kOpen, &kNordic, kIS, {}, "", "", "", "", ""},
    {"IT", 4.0, Climate::kOpen, &kItalian, kIT, kITOutlets, "", "", "", "", ""},
    {"LI", 0.1, Climate::kOpen, &kGerman, kLI, {}, "", "", "", "", ""},
    {"LT", 0.5, Climate::kOpen, &kBaltic, kLT, {}, "", "", "", "", ""},
    {"LU", 0.2, Climate::kOpen, &kFrench, kLU, {}, "", "", "", "", ""},
    {"LV", 0.5, Climate::kOpen, &kBaltic, kLV, {}, "", "", "", "", ""},
    {"MC", 0.1, Climate::kOpen, &kFrench, kMC, {}, "", "", "", "", ""},
    {"MD", 1.5, Climate::kTroubled, &kRomanian, kMD, {}, "the ", "", "", "", ""},
    {"ME", 2.0, Climate::kTroubled, &kSouthSlavic, kME, {}, "", "", "", "", ""},
    {"MK", 1.5, Climate::kTroubled, &kSouthSlavic, kMK, {}, "", "", "", "", ""},
    {"MT", 1.0, Climate::kTroubled, &kMaltese, kMT, {}, "", "", "", "", ""},
    {"NL", 1.0, Climate::kOpen, &kDutch, kNL, {}, "the ", "", "", "", ""},
    {"NO", 0.3, Climate::kOpen, &kNordic, kNO, {}, "", "", "", "", ""},
    {"PL", 4.0, Climate::kTroubled, &kPolish, kPL, kPLOutlets, "", "", "", "", ""},
    {"PT", 0.7, Climate::kOpen, &kIberian, kPT, {}, "", "", "", "", ""},
    {"RO", 1.5, Climate::kTroubled, &kRomanian, kRO, {}, "", "", "", "", ""},
    {"RS", 7.0, Climate::kTroubled, &kSouthSlavic, kRS, kRSOutlets, "", "", "", "", ""},
    {"RU", 14.0, Climate::kClosed, &kRussian, kRU, kRUOutlets, "the ",
     "an \"undesirable organisation\"", "« organisation indésirable »",
     "«нежелательной организацией»", "«непажаданай арганізацыяй»"},
    {"SE", 0.7, Climate::kOpen, &kNordic, kSE, {}, "", "", "", "", ""},
    {"SI", 1.0, Climate::kTroubled, &kSouthSlavic, kSI, {}, "", "", "", "", ""},
    {"SK", 1.5, Climate::kTroubled, &kCzechSlovak, kSK, {}, "the ", "", "", "", ""},
    {"SM", 0.1, Climate::kOpen, &kItalian, kSM, {}, "", "", "", "", ""},
    {"TR", 12.0, Climate::kRestrictive, &kTurkish, kTR, kTROutlets, "",
     "a \"threat to national security\"", "« menace pour la sécurité nationale »",
     "«угрозой национальной безопасности»", "«пагрозай нацыянальнай бяспецы»"},
    {"UA", 8.0, Climate::kWar, &kUkrainian, kUA, kUAOutlets, "", "", "", "", ""},
};

constexpr City kNoCity[] = {{"the capital", "la capitale", "", ""}};
const CountryProfile kDefaultProfile = {"", 0.2, Climate::kOpen, &kEnglish, kNoCity, {}, "", "", "",
                                        "", ""};

constexpr sv kOutletPatterns[] = {"{city} Daily",       "{city} Observer",
                                  "Radio {city}",       "{city} News Online",
                                  "TV {city}",          "{country} Investigative Network",
                                  "{country} Today",    "The {city} Chronicle",
                                  "{city} Independent", "{country} Public Radio"};

constexpr sv kTopics[] = {"corruption in public procurement",
                          "police violence",
                          "organised crime",
                          "local elections",
                          "environmental damage by a mining company",
                          "the mobilisation",
                          "political prisoners",
                          "the housing crisis",
                          "migrants at the border",
                          "healthcare spending",
                          "illegal construction on the coast",
                          "the finances of a ruling party",
                          "the war in Ukraine",
                          "a land deal involving a minister",
                          "conditions in prisons",
                          "the privatisation of the port",
                          "money laundering through offshore companies",
                          "the misuse of EU funds"};

constexpr sv kChargesBY[] = {"participation in an extremist formation",
                             "facilitating extremist activity",
                             "discrediting the Republic of Belarus",
                             "insulting the president",
                             "treason",
                             "organising actions that grossly violate public order"};
constexpr sv kChargesRU[] = {"spreading false information about the armed forces",
                             "participation in an undesirable organisation",
                             "justifying terrorism",
                             "violating the law on foreign agents",
                             "treason",
                             "participation in an extremist community"};
constexpr sv kChargesRestrictive[] = {
    "smuggling foreign currency",     "membership of a terrorist organisation",
    "spreading terrorist propaganda", "illegal entrepreneurship",
    "insulting the president",        "disseminating disinformation"};
constexpr sv kChargesOther[] = {
    "hooliganism",         "disobeying police orders", "trespassing on a restricted area",
    "criminal defamation", "disclosing state secrets", "espionage"};

constexpr sv kAuthoritiesBY[] = {"officers of the State Security Committee (KGB)",
                                 "riot police (OMON)",
                                 "officers of the Main Directorate for Combating Organised Crime "
                                 "and Corruption (GUBOPiK)"};
constexpr sv kAuthoritiesRU[] = {"officers of the Federal Security Service (FSB)",
                                 "police officers", "officers of the Investigative Committee"};
constexpr sv kAuthoritiesRestrictive[] = {"police officers", "counter-terrorism police",
                                          "officers of the State Security Service"};
constexpr sv kAuthoritiesOther[] = {"police officers", "plain-clothes officers",
                                    "officers of the organised crime unit"};

}  // namespace

const CountryProfile& ProfileFor(std::string_view code) {
  auto it = std::find_if(std::begin(kProfiles), std::end(kProfiles),
                         [code](const CountryProfile& p) { return p.code == code; });
  return it == std::end(kProfiles) ? kDefaultProfile : *it;
}

std::span<const std::string_view> OutletPatterns() { return kOutletPatterns; }
std::span<const std::string_view> Topics() { return kTopics; }

std::span<const std::string_view> Charges(std::string_view code) {
  if (code == "BY") return kChargesBY;
  if (code == "RU") return kChargesRU;
  if (ProfileFor(code).climate == Climate::kRestrictive) return kChargesRestrictive;
  return kChargesOther;
}

std::span<const std::string_view> Authorities(std::string_view code) {
  if (code == "BY") return kAuthoritiesBY;
  if (code == "RU") return kAuthoritiesRU;
  if (ProfileFor(code).climate == Climate::kRestrictive) return kAuthoritiesRestrictive;
  return kAuthoritiesOther;
}

}  // namespace soj::tools::demo
