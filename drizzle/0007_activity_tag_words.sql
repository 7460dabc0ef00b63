-- Tag words (issue 11, defect 7): the labels of an activity's themes, target groups and languages in the
-- eight finder languages, and its kommune name, folded as foldForSearch folds them, searched with weight D.
ALTER TABLE "activities" ADD COLUMN "tag_words" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Backfill: the labels as tagWordsFor folded them when this migration was written; new writes fill the column in the domain.
WITH "labels" ("key", "words") AS (VALUES
  ('theme:language', 'sprak og norsktrening language and norwegian practice мова та практика норвезькоі اللغة وممارسة النرويجية ቋንቋን ልምምድ ኖርወይኛን luqadda iyo ku celcelinta af noorwiijiga زبان و تمرین نارویژی'),
  ('theme:homework_help', 'leksehjelp homework help допомога з домашніми завданнями المساعدة في الواجبات المدرسية ሓገዝ ዕዮ ገዛ caawimaad casharrada guriga کمک در کارخانگی'),
  ('theme:work', 'arbeid og praksis work and placements робота та практика العمل والتدريب العملي ስራሕን ልምምድ shaqo iyo tababar کار و کارا موزی'),
  ('theme:housing', 'bolig og burettleiing bustad housing and guidance житло та консультаціі щодо житла السكن والا رشاد السكني ገዛን ምኽሪ መንበሪ guryo iyo talo ku saabsan guryaha مسکن و رهنمایی'),
  ('theme:health', 'helse health здоров я الصحة ጥዕና caafimaad صحت'),
  ('theme:social_network', 'sosiale treffsteder og nettverk treffstader social gatherings and networks місця зустрічеи і спільноти ا ماكن اللقاء والتواصل ቦታታት ርክብን መርበብ ሰባትን goobo lagu kulmo iyo xiriirro جاهای دیدار و شبکه ها'),
  ('theme:culture_leisure', 'kultur og fritid culture and leisure культура та дозвілля الثقافة والترفيه ባህልን ናጻ ግዜን dhaqan iyo madadaalo فرهنگ و اوقات فراغت'),
  ('theme:sports_outdoors', 'idrett og friluftsliv sports and outdoor life спорт і відпочинок на природі الرياضة والا نشطة في الطبيعة ስፖርትን ምንቅስቓስ ኣብ ተፈጥሮን isboorti iyo dabeecadda ورزش و فعالیت در طبیعت'),
  ('theme:practical_help', 'praktisk hjelp practical help практична допомога مساعدة عملية ተግባራዊ ሓገዝ caawimaad wax ku ool ah کمک عملی'),
  ('theme:digital_skills', 'digitale ferdigheter ferdigheiter digital skills цифрові навички المهارات الرقمية ዲጂታላዊ ክእለት xirfadaha dhijitaalka مهارت های دیجیتال'),
  ('theme:parenting', 'foreldre og familie parents and family батьки та сім я الا باء والا مهات سرة ወለድን ስድራቤትን waalidiinta iyo qoyska والدین و خانواده'),
  ('theme:mentoring', 'mentor og fadderordning mentors and buddies наставництво الا رشاد والتوجيه ምኽርን መምርሒን hagid iyo talo رهنمایی و مشوره'),
  ('target:everyone', 'alle everyone усі الجميع ኩሉ ሰብ qof kasta همه'),
  ('target:children', 'barn born children діти الا طفال ቆልዑ carruurta کودکان'),
  ('target:youth', 'ungdom young people молодь الشباب መንእሰያት dhallinyarada جوانان'),
  ('target:adults', 'voksne vaksne adults дорослі البالغون ዓበይቲ dadka waaweyn بزرگسالان'),
  ('target:women', 'kvinner women жінки النساء ደቂ ኣንስትዮ haweenka زنان'),
  ('target:men', 'menn men чоловіки الرجال ደቂ ተባዕትዮ ragga مردان'),
  ('target:families', 'familier familiar families сім і العاي لات ስድራቤታት qoysaska خانواده ها'),
  ('target:seniors', 'eldre older people люди похилого віку كبار السن ኣረጋውያን dadka waayeelka ah سالمندان'),
  ('target:newly_settled', 'nybosatte flyktninger nybusette flyktningar newly settled refugees нещодавно поселені біженці اللاجي ون الذين استقروا حديث ا ሓድሽ ዝሰፈሩ ስደተኛታት qaxootiga dhowaan la dejiyay پناهندگان تازه جابه جا شده'),
  ('target:job_seekers', 'jobbsokere jobbsokjarar job seekers шукачі роботи الباحثون عن عمل ስራሕ ዝደልዩ shaqo doonka کارجویان'),
  ('language:nb', 'norsk bokmal norwegian норвезька букмол النرويجية بوكمول ኖርወይኛ ቦክሞል af noorwiiji نارویژی بوکمول'),
  ('language:nn', 'norsk nynorsk norwegian норвезька нюношк النرويجية نينوشك ኖርወይኛ ኒኖሽክ af noorwiiji نارویژی نینوشک'),
  ('language:en', 'engelsk english англіиська الا نجليزية እንግሊዝኛ ingiriisi انگلیسی'),
  ('language:uk', 'ukrainsk ukrainian украінська الا وكرانية ዩክረይንኛ af yukreeni اوکراینی'),
  ('language:ar', 'arabisk arabic арабська العربية ዓረብኛ carabi عربی'),
  ('language:ti', 'tigrinja tigrinya тигринья التغرينية ትግርኛ تیگرینیا'),
  ('language:so', 'somali сомалі الصومالية ሶማልኛ soomaali سومالیایی'),
  ('language:prs', 'dari дарі الدارية ዳሪ دری'),
  ('language:fa', 'persisk persian перська الفارسية ፋርስኛ faarisi فارسی'),
  ('language:ps', 'pashto пушту البشتو ፓሽቶ bashto پشتو'),
  ('language:ku', 'kurdisk kurdish курдська الكردية ኩርድኛ kurdi کردی'),
  ('language:ru', 'russisk russian росіиська الروسية ሩስኛ ruush روسی'),
  ('language:pl', 'polsk polish польська البولندية ፖሊሽ boolish پولندی'),
  ('language:fr', 'fransk french французька الفرنسية ፈረንሳይኛ faransiis فرانسوی'),
  ('language:es', 'spansk spanish іспанська الا سبانية ስጳንኛ isbaanish هسپانوی'),
  ('language:sw', 'swahili суахілі السواحيلية ስዋሂሊ sawaaxili سواحلی'),
  ('language:am', 'amharisk amharic амхарська الا مهرية ኣምሓርኛ amxaari امهری'),
  ('language:tr', 'tyrkisk turkish турецька التركية ቱርክኛ turki ترکی'),
  ('language:ur', 'urdu урду الا ردية ኡርዱ اردو'),
  ('language:vi', 'vietnamesisk vietnamese в єтнамська الفيتنامية ቬትናምኛ fiyatnaamiis ویتنامی'),
  ('language:th', 'thai таиська التايلاندية ታይኛ tailandi تایلندی'),
  ('language:my', 'burmesisk burmese бірманська البورمية በርምኛ burmiis برمه ای')
)
UPDATE "activities" AS a SET "tag_words" = concat_ws(' ',
  (SELECT string_agg(l."words", ' ') FROM "labels" AS l WHERE l."key" = ANY (
    ARRAY(SELECT 'theme:' || t FROM unnest(a."themes") AS t)
    || ARRAY(SELECT 'target:' || t FROM unnest(a."target_groups") AS t)
    || ARRAY(SELECT 'language:' || t FROM unnest(a."languages") AS t))),
  (SELECT trim(regexp_replace(lower(samspill_unaccent(m."name")), '[^[:alnum:]]+', ' ', 'g')) FROM "municipalities" AS m WHERE m."number" = a."municipality_number"));--> statement-breakpoint
ALTER TABLE "activities" DROP COLUMN "search_vector";--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (
  setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(title, ''))), 'A')
  || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(translations->'nn'->>'title', ''))), 'A')
  || setweight(to_tsvector('english', samspill_unaccent(coalesce(translations->'en'->>'title', ''))), 'A')
  || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(description, ''))), 'B')
  || setweight(to_tsvector('norwegian', samspill_unaccent(coalesce(translations->'nn'->>'description', ''))), 'C')
  || setweight(to_tsvector('english', samspill_unaccent(coalesce(translations->'en'->>'description', ''))), 'C')
  || setweight(to_tsvector('simple', coalesce(tag_words, '')), 'D')) STORED;--> statement-breakpoint
CREATE INDEX "activities_search_idx" ON "activities" USING gin ("search_vector");--> statement-breakpoint
-- "Did you mean" may suggest tag words too (confirmed against readable activities when asked).
INSERT INTO "search_words" ("word")
  SELECT DISTINCT w FROM "activities", regexp_split_to_table("tag_words", '[^a-z0-9]+') AS w
  WHERE w ~ '^[a-z0-9]{3,40}$' AND w !~ '^[0-9]+$'
ON CONFLICT DO NOTHING;
