import type { ErrorCode } from '../errors/error-codes';
import { FIELD_MESSAGES } from './field-messages';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './language';

/**
 * The one message catalogue: for every code, its template in Kazakh, Russian and English, with
 * the same named parameters (`{name}`) in each (catalogue.spec.ts fails otherwise). Codes are:
 * - the error codes (error-codes.ts): the message of an error that says nothing more;
 * - `CODE:variant`: a more precise message of error CODE, with parameters (the `code` clients read
 *   stays CODE);
 * - explanation codes (upper-case, explanation.ts) and eligibility codes (lower-case, as the API
 *   has published them in eligibility results: clients render them too);
 * - `notification:<kind>`: a notification's title;
 * - `field:<fault>`: what is wrong with one field of a request (field-messages.ts).
 * Bodies store a code and its parameters; the text is rendered in the caller's language when the
 * answer is given (localise.ts), so one stored explanation reads in all three languages.
 */
export type Templates = Readonly<Record<Language, string>>;
export type MessageParams = Readonly<Record<string, string | number | boolean | null>>;

const ERRORS = {
  VALIDATION_FAILED: {
    kk: 'Кейбір өрістер қате толтырылған.',
    ru: 'Некоторые поля заполнены неверно.',
    en: 'Some fields are not filled in correctly.',
  },
  MALFORMED_REQUEST: {
    kk: 'Сұрауды оқу мүмкін болмады.',
    ru: 'Запрос не удалось прочитать.',
    en: 'The request could not be read.',
  },
  PAYLOAD_TOO_LARGE: {
    kk: 'Файл тым үлкен.',
    ru: 'Файл слишком большой.',
    en: 'The file is too large.',
  },
  UNAUTHENTICATED: {
    kk: 'Пошта не құпиясөз қате немесе сеанс аяқталды.',
    ru: 'Неверная почта или пароль, либо сеанс завершён.',
    en: 'Wrong email or password, or your session has ended.',
  },
  FORBIDDEN: {
    kk: 'Бұл әрекетке құқығыңыз жоқ.',
    ru: 'У вас нет права на это действие.',
    en: 'You may not do this.',
  },
  NOT_FOUND: {
    kk: 'Табылмады.',
    ru: 'Не найдено.',
    en: 'Not found.',
  },
  ROUTE_NOT_FOUND: {
    kk: 'Табылмады.',
    ru: 'Не найдено.',
    en: 'Not found.',
  },
  METHOD_NOT_ALLOWED: {
    kk: 'Бұл әрекет мұнда қолжетімсіз.',
    ru: 'Это действие здесь недоступно.',
    en: 'This action is not available here.',
  },
  CONFLICT: {
    kk: 'Бұл бар деректерге қайшы келеді.',
    ru: 'Это противоречит уже существующим данным.',
    en: 'This conflicts with something that already exists.',
  },
  STANDARD_PARSE_FAILED: {
    kk: 'Стандарт мәтінін талдау мүмкін болмады.',
    ru: 'Текст стандарта не удалось разобрать.',
    en: 'The standard’s text could not be read.',
  },
  CORRECTIONS_INVALID: {
    kk: 'Түзетулер жарамсыз.',
    ru: 'Исправления некорректны.',
    en: 'The corrections are not valid.',
  },
  PASSWORD_TOO_WEAK: {
    kk: 'Құпиясөз тым әлсіз: кемінде 10 таңба, кең таралған емес, атыңыз не поштаңыз емес.',
    ru: 'Пароль слишком простой: не менее 10 символов, не распространённый, не имя и не почта.',
    en: 'This password is too weak: at least 10 characters, not a common one, not your name or email.',
  },
  PASSWORD_INCORRECT: {
    kk: 'Қазіргі құпиясөз қате.',
    ru: 'Текущий пароль неверен.',
    en: 'The current password is wrong.',
  },
  EMAIL_TAKEN: {
    kk: 'Бұл поштамен тіркелгі бар.',
    ru: 'Учётная запись с этой почтой уже есть.',
    en: 'An account with this email already exists.',
  },
  CENTRE_CODE_TAKEN: {
    kk: 'Мұндай кодты орталық бар.',
    ru: 'Центр с таким кодом уже есть.',
    en: 'A centre with this code already exists.',
  },
  CENTRE_SUSPENDED: {
    kk: 'Орталықтың қызметі тоқтатылған.',
    ru: 'Деятельность центра приостановлена.',
    en: 'The centre is suspended.',
  },
  ACCREDITATION_OVERLAPS: {
    kk: 'Бұл кезеңге аккредиттеу бар.',
    ru: 'Аккредитация на этот период уже есть.',
    en: 'An accreditation for this period already exists.',
  },
  ROLE_NOT_ALLOWED: {
    kk: 'Бұл рөлге мұнда рұқсат жоқ.',
    ru: 'Эта роль здесь недопустима.',
    en: 'This role is not allowed here.',
  },
  LAST_ADMIN: {
    kk: 'Бұл — соңғы белсенді әкімші: рөлі өзгермейді.',
    ru: 'Это последний активный администратор: роль не меняется.',
    en: 'This is the last active administrator: the role stays.',
  },
  INVALID_TRANSITION: {
    kk: 'Қазіргі кезеңде мұны істеу мүмкін емес.',
    ru: 'На текущем этапе это сделать нельзя.',
    en: 'This cannot be done at the current stage.',
  },
  INVALID_IIN: {
    kk: 'ЖСН жарамсыз: 12 цифрды, туған күнді және бақылау цифрын тексеріңіз.',
    ru: 'ИИН неверен: проверьте 12 цифр, дату рождения и контрольную цифру.',
    en: 'This ИИН is not valid: check the 12 digits, the birth date and the check digit.',
  },
  IDENTITY_UNCONFIRMED: {
    kk: 'Алдымен орталық жеке басыңызды құжат бойынша растауы керек.',
    ru: 'Сначала центр должен подтвердить вашу личность по документу.',
    en: 'Your identity must first be confirmed by a centre with your identity document.',
  },
  IDENTITY_CONFIRMED_ELSEWHERE: {
    kk: 'Бұл ЖСН басқа тіркелгі үшін расталған.',
    ru: 'Этот ИИН подтверждён для другой учётной записи.',
    en: 'This ИИН is confirmed for another account.',
  },
  PROFILE_REQUIRED: {
    kk: 'Алдымен профильді (ЖСН-мен) толтырыңыз.',
    ru: 'Сначала заполните профиль (с ИИН).',
    en: 'Fill in your profile (with your ИИН) first.',
  },
  CENTRE_NOT_ACCREDITED: {
    kk: 'Орталық бұл карточка бойынша аккредиттелмеген.',
    ru: 'Центр не аккредитован по этой карточке.',
    en: 'This centre is not accredited for this card.',
  },
  CARD_NEEDS_REVIEW: {
    kk: 'Бұл карточканың талаптары әлі нақтылануда.',
    ru: 'Требования этой карточки ещё уточняются.',
    en: 'This card’s prerequisites are still being confirmed.',
  },
  APPLICATION_EXISTS: {
    kk: 'Бұл карточка бойынша ашық өтініміңіз бар.',
    ru: 'У вас уже есть открытая заявка по этой карточке.',
    en: 'You already have an open application for this card.',
  },
  PERIOD_REVERSED: {
    kk: 'Кезеңнің басы оның соңынан кейін тұр.',
    ru: 'Начало периода позже его конца.',
    en: 'The period starts after it ends.',
  },
  RETAKE_TOO_EARLY: {
    kk: 'Қайта тапсыруға әлі рұқсат жоқ.',
    ru: 'Пересдача пока не разрешена.',
    en: 'A retake is not allowed yet.',
  },
  NOTHING_TO_EXAMINE: {
    kk: 'Тексеретін ештеңе қалмады.',
    ru: 'Экзаменовать больше нечего.',
    en: 'There is nothing left to examine.',
  },
  APPLICATION_FROZEN: {
    kk: 'Өтінімді енді өзгерту мүмкін емес.',
    ru: 'Заявку больше нельзя изменить.',
    en: 'The application can no longer be changed.',
  },
  DOCUMENT_CHECK_CLOSED: {
    kk: 'Құжаттарды тексеру жабылды.',
    ru: 'Проверка документов закрыта.',
    en: 'The document check is closed.',
  },
  DOCUMENT_MISSING: {
    kk: 'Құжат жетіспейді.',
    ru: 'Не хватает документа.',
    en: 'A document is missing.',
  },
  RECORD_IN_USE: {
    kk: 'Өтінімнің рұқсаты осы жазбаға негізделген; оны қазір жоюға болмайды.',
    ru: 'На этой записи основан допуск заявки; удалить её сейчас нельзя.',
    en: 'This record is what an application was admitted on; it cannot be removed now.',
  },
  SKILL_NOT_RECOGNISABLE: {
    kk: 'Бұл дағды мойындауға ұсынылмайды: ол емтиханда тексеріледі.',
    ru: 'Этот навык не рекомендован к признанию: он сдаётся на экзамене.',
    en: 'This skill is not recommended for recognition: it is examined.',
  },
  SKILL_NOT_IN_CARD: {
    kk: 'Бұл дағды карточкаға кірмейді.',
    ru: 'Этот навык не входит в карточку.',
    en: 'This skill is not part of the card.',
  },
  UNSUPPORTED_FILE_TYPE: {
    kk: 'Бұл файл түрі қабылданбайды: PDF, JPEG не PNG жүктеңіз.',
    ru: 'Такой тип файла не принимается: загрузите PDF, JPEG или PNG.',
    en: 'This type of file is not accepted: upload a PDF, JPEG or PNG.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    kk: 'Сұрау сервер қабылдамайтын пішімде жіберілді.',
    ru: 'Запрос отправлен в формате, который сервер не принимает.',
    en: 'The request was sent in a form the server does not read.',
  },
  FILE_EMPTY: {
    kk: 'Файл бос.',
    ru: 'Файл пуст.',
    en: 'The file is empty.',
  },
  STORAGE_QUOTA_EXCEEDED: {
    kk: 'Дәлелдер қоймаңыз толды: қажетсіз файлдарды жойыңыз немесе кішірек файлдарды жүктеңіз.',
    ru: 'Хранилище ваших доказательств заполнено: удалите ненужные файлы или загрузите файлы меньшего размера.',
    en: 'Your evidence storage is full: remove files you no longer need, or upload smaller ones.',
  },
  PATHWAY_MISMATCH: {
    kk: 'Өтінімнің таңдалған жолында бұл мүмкін емес.',
    ru: 'Это невозможно на выбранном пути заявки.',
    en: 'This is not possible on the application’s pathway.',
  },
  PROGRAM_EXISTS: {
    kk: 'Бұл карточка бойынша бағдарлама бар.',
    ru: 'Программа по этой карточке уже есть.',
    en: 'A program for this card already exists.',
  },
  PROGRAM_NOT_EDITABLE: {
    kk: 'Бағдарламаны енді өзгерту мүмкін емес.',
    ru: 'Программу больше нельзя изменить.',
    en: 'The program can no longer be changed.',
  },
  PROGRAM_NOT_READY: {
    kk: 'Бағдарлама әлі дайын емес.',
    ru: 'Программа ещё не готова.',
    en: 'The program is not ready yet.',
  },
  PROGRAM_SETTINGS_TOO_STRICT: {
    kk: 'Бағдарлама баптаулары тым қатаң.',
    ru: 'Настройки программы слишком строгие.',
    en: 'The program’s settings are too strict.',
  },
  FUNCTION_NOT_OFFERED: {
    kk: 'Орталық бұл қосымша функцияны ұсынбайды.',
    ru: 'Центр не предлагает эту дополнительную функцию.',
    en: 'The centre does not offer this additional function.',
  },
  QUESTION_INVALID: {
    kk: 'Сұрақ жарамсыз.',
    ru: 'Вопрос некорректен.',
    en: 'The question is not valid.',
  },
  PROGRAM_NOT_ACTIVE: {
    kk: 'Орталықта бұл карточка бойынша әзірге белсенді бағдарлама жоқ.',
    ru: 'У центра пока нет действующей программы по этой карточке.',
    en: 'The centre has no active program for this card yet.',
  },
  NOT_ENOUGH_ASSESSORS: {
    kk: 'Асессорлар жеткіліксіз.',
    ru: 'Недостаточно асессоров.',
    en: 'Not enough assessors.',
  },
  ASSESSOR_NOT_ASSIGNABLE: {
    kk: 'Бұл асессорды тағайындау мүмкін емес.',
    ru: 'Этого асессора нельзя назначить.',
    en: 'This assessor cannot be assigned.',
  },
  SESSION_FULL: {
    kk: 'Бұл сессияда орын қалмады.',
    ru: 'В этой сессии не осталось мест.',
    en: 'No seat is left in this session.',
  },
  SESSION_NOT_OPEN: {
    kk: 'Сессия қазір ашық емес.',
    ru: 'Сессия сейчас не открыта.',
    en: 'The session is not open now.',
  },
  NOT_ELIGIBLE: {
    kk: 'Өтінімге рұқсат жоқ.',
    ru: 'Заявка не допущена.',
    en: 'The application is not eligible.',
  },
  ALREADY_ENROLLED: {
    kk: 'Жазылып қойған.',
    ru: 'Уже записан.',
    en: 'Already enrolled.',
  },
  NOT_ENOUGH_QUESTIONS: {
    kk: 'Сұрақтар банкінде сұрақ тым аз.',
    ru: 'В банке вопросов слишком мало вопросов.',
    en: 'The item bank has too few questions.',
  },
  TEST_CLOSED: {
    kk: 'Тест жабық: уақыты бітті немесе жіберілді.',
    ru: 'Тест закрыт: время вышло или он отправлен.',
    en: 'The test is closed: its time is over or it was submitted.',
  },
  SHEET_SIGNED: {
    kk: 'Парақ қол қойылған.',
    ru: 'Лист подписан.',
    en: 'The sheet is signed.',
  },
  SHEET_INCOMPLETE: {
    kk: 'Парақ толтырылмаған.',
    ru: 'Лист не заполнен.',
    en: 'The sheet is incomplete.',
  },
  SKILL_NOT_EXAMINED: {
    kk: 'Бұл дағды емтиханда тексерілмейді.',
    ru: 'Этот навык не экзаменуется.',
    en: 'This skill is not examined.',
  },
  REVIEW_DECIDED: {
    kk: 'Қарау аяқталды.',
    ru: 'Рассмотрение уже завершено.',
    en: 'The review is already decided.',
  },
  MORE_EVIDENCE_ALREADY_REQUESTED: {
    kk: 'Қосымша дәлелдер бір рет сұралған.',
    ru: 'Дополнительные подтверждения уже запрашивались.',
    en: 'More evidence was already requested once.',
  },
  CRITERIA_NOT_MET: {
    kk: 'Критерийлер орындалмады.',
    ru: 'Критерии не выполнены.',
    en: 'The criteria are not met.',
  },
  APPEAL_WINDOW_CLOSED: {
    kk: 'Апелляция беру мерзімі өтті.',
    ru: 'Срок подачи апелляции истёк.',
    en: 'The time to appeal is over.',
  },
  APPEAL_EXISTS: {
    kk: 'Апелляция берілген.',
    ru: 'Апелляция уже подана.',
    en: 'An appeal is already open.',
  },
  PANEL_NOT_IMPARTIAL: {
    kk: 'Комиссия бейтарап емес.',
    ru: 'Комиссия не беспристрастна.',
    en: 'The panel is not impartial.',
  },
  NOT_ON_PANEL: {
    kk: 'Сіз комиссия құрамында емессіз.',
    ru: 'Вы не входите в комиссию.',
    en: 'You are not on this panel.',
  },
  RE_EXAMINATION_REQUIRED: {
    kk: 'Қайта емтихан қажет.',
    ru: 'Требуется повторный экзамен.',
    en: 'A re-examination is required.',
  },
  RE_EXAMINATION_CONTRADICTS: {
    kk: 'Қайта емтихан шешімге қайшы.',
    ru: 'Повторный экзамен противоречит вердикту.',
    en: 'The re-examination contradicts the verdict.',
  },
  DOCUMENT_NOT_AVAILABLE: {
    kk: 'Құжат әлі дайын емес. Сәлден соң қайталаңыз.',
    ru: 'Документ ещё не готов. Повторите чуть позже.',
    en: 'The document is not available yet. Try again in a moment.',
  },
  TOO_MANY_REQUESTS: {
    kk: 'Тым көп әрекет. Біраз күтіп, қайталаңыз.',
    ru: 'Слишком много попыток. Подождите немного и повторите.',
    en: 'Too many attempts. Wait a little and try again.',
  },
  CONCURRENT_UPDATE: {
    kk: 'Дәл осы уақытта бұл деректер басқа сұраныспен өзгертілді; ештеңе сақталмады. Қайталаңыз.',
    ru: 'Эти данные в тот же момент изменял другой запрос; ничего не сохранено. Повторите.',
    en: 'Another request changed the same data at the same moment; nothing was saved. Try again.',
  },
  SERVICE_UNAVAILABLE: {
    kk: 'Қызмет уақытша қолжетімсіз. Кейінірек қайталаңыз.',
    ru: 'Сервис временно недоступен. Повторите позже.',
    en: 'The service is temporarily unavailable. Try again shortly.',
  },
  DATABASE_UNAVAILABLE: {
    kk: 'Қызмет уақытша қолжетімсіз. Кейінірек қайталаңыз.',
    ru: 'Сервис временно недоступен. Повторите позже.',
    en: 'The service is temporarily unavailable. Try again shortly.',
  },
  INTERNAL_ERROR: {
    kk: 'Серверде қате орын алды. Қайталаңыз.',
    ru: 'На сервере произошла ошибка. Повторите.',
    en: 'An error occurred on the server. Try again.',
  },
} as const satisfies Record<ErrorCode, Templates>;

/** Errors said more precisely, with what the request got wrong. */
const ERROR_VARIANTS = {
  'UNAUTHENTICATED:token_required': {
    kk: 'Жарамды кіру токені қажет.',
    ru: 'Нужен действующий токен доступа.',
    en: 'A valid access token is required',
  },
  'UNAUTHENTICATED:token_expired': {
    kk: 'Кіру токенінің мерзімі өтті.',
    ru: 'Срок действия токена доступа истёк.',
    en: 'The access token has expired',
  },
  'UNAUTHENTICATED:token_invalid': {
    kk: 'Кіру токені жарамсыз.',
    ru: 'Токен доступа недействителен.',
    en: 'The access token is not valid',
  },
  'UNAUTHENTICATED:wrong_credentials': {
    kk: 'Пошта немесе құпиясөз қате.',
    ru: 'Неверная почта или пароль.',
    en: 'Email or password is wrong',
  },
  'UNAUTHENTICATED:account_disabled': {
    kk: 'Бұл тіркелгі өшірілген.',
    ru: 'Эта учётная запись отключена.',
    en: 'This account is disabled',
  },
  'UNAUTHENTICATED:refresh_invalid': {
    kk: 'Жаңарту токені жарамсыз.',
    ru: 'Токен обновления недействителен.',
    en: 'The refresh token is not valid',
  },
  'UNAUTHENTICATED:refresh_reused': {
    kk: 'Жаңарту токені бұрын қолданылған; сеанс жабылды.',
    ru: 'Токен обновления уже был использован; сеанс отозван.',
    en: 'The refresh token was already used; the session is revoked',
  },
  'UNAUTHENTICATED:session_too_old': {
    kk: 'Сеанс ең ұзақ мерзіміне жетті; қайта кіріңіз.',
    ru: 'Сеанс достиг наибольшей длительности; войдите снова.',
    en: 'The session has reached its longest lifetime; sign in again',
  },
  'NOT_FOUND:certificate': {
    kk: 'Бұл нөмірі мен тексеру коды бар сертификат жоқ.',
    ru: 'Сертификата с таким номером и кодом проверки нет.',
    en: 'No certificate has this number and verification code',
  },
  'FORBIDDEN:role': {
    kk: 'Сіздің рөліңізге бұл әрекетке рұқсат жоқ.',
    ru: 'Вашей роли это действие не разрешено.',
    en: 'Your role may not do this',
  },
  'FORBIDDEN:checked_documents': {
    kk: 'Сіз бұл өтінішті бағалауға қатыстыңыз (оның құжаттарын тексердіңіз): шешімге басқа менеджер қол қояды.',
    ru: 'Вы участвовали в оценке этого заявления (проверяли его документы): решение подписывает другой менеджер.',
    en: 'You took part in assessing this application (you checked its documents): another manager signs its decision',
  },
  'MALFORMED_REQUEST:not_json': {
    kk: 'Сұрау денесі жарамды JSON емес.',
    ru: 'Тело запроса — не корректный JSON.',
    en: 'The request body is not valid JSON',
  },
  'MALFORMED_REQUEST:too_deep': {
    kk: 'Сұрау денесінің ұялау тереңдігі {max} деңгейден асады.',
    ru: 'Тело запроса вложено глубже {max} уровней.',
    en: 'The request body is nested more than {max} levels deep',
  },
  'UNSUPPORTED_MEDIA_TYPE:accepted': {
    kk: 'Сұрау денесінің түрі қабылданбайды: {accepted} жіберіңіз.',
    ru: 'Тип тела запроса не принимается: отправьте {accepted}.',
    en: 'The body must be sent as {accepted}',
  },
  'RETAKE_TOO_EARLY:opens_on': {
    kk: 'Бұл карточка бойынша қайта өтінішті {opensOn} бастап беруге болады.',
    ru: 'Подать заявление по этой карточке снова можно с {opensOn}.',
    en: 'You may apply for this card again from {opensOn}',
  },
  'APPEAL_WINDOW_CLOSED:deadline': {
    kk: 'Апелляция беру мерзімі {deadline} күнінің соңында аяқталды (шешімге қол қойылғаннан кейін {windowDays} күн).',
    ru: 'Срок подачи апелляции истёк в конце дня {deadline} ({windowDays} дн. после подписания решения).',
    en: 'The appeal window closed at the end of {deadline} ({windowDays} days after the decision was signed)',
  },
  'PROGRAM_NOT_READY:skills': {
    kk: 'Бағдарлама әлі мына дағдыларды қамтымайды ({count}): {skills}.',
    ru: 'Программа ещё не охватывает навыки ({count}): {skills}.',
    en: 'The program does not yet cover these skills ({count}): {skills}',
  },
  'PROGRAM_SETTINGS_TOO_STRICT:one_wrong_answer': {
    kk: 'Бір дағдыға {questionsPerSkill} сұрақ және {skillFloorPercent}% шек болғанда бір қате жауап дағдыны өткізбейді: сұрақтарды көбейтіңіз немесе шекті төмендетіңіз.',
    ru: 'При {questionsPerSkill} вопросах на навык и пороге {skillFloorPercent}% один неверный ответ проваливает навык: задайте больше вопросов или снизьте порог.',
    en: 'With {questionsPerSkill} questions per skill and a floor of {skillFloorPercent}%, one wrong answer fails a skill: ask more questions or lower the floor',
  },
  'PROGRAM_NOT_READY:no_skills': {
    kk: 'Бағдарламаның кәсіп карточкасында бағаланатын дағды жоқ.',
    ru: 'В карточке профессии программы нет навыков для оценки.',
    en: 'The program’s profession card has no skill to assess',
  },
  'SKILL_NOT_RECOGNISABLE:skills': {
    kk: 'Стандарт {skills} дағдыларын дәлелдер бойынша тануды ұсынбайды: олар емтиханда бағаланады.',
    ru: 'Стандарт не рекомендует признавать по доказательствам навыки {skills}: они оцениваются на экзамене.',
    en: 'Recognition of {skills} on evidence is not recommended by the standard: assessed at an exam',
  },
} as const satisfies Record<`${ErrorCode}:${string}`, Templates>;

/** Explanations in bodies (docs/ASSESSMENT.md, docs/DECISIONS.md, docs/CANDIDATES.md). */
const EXPLANATIONS = {
  // Theory and practical (docs/ASSESSMENT.md §5)
  THEORY_PENDING: {
    kk: 'теория: тест нәтижесі күтілуде',
    ru: 'теория: ожидается результат теста',
    en: 'theory: waiting for the test result',
  },
  THEORY_MET: {
    kk: 'теория: тест нәтижесі {overall} өту шегіне ({passMark}) жетеді, дағды бойынша нәтиже {skill} ең төменгі шекке ({floor}) жетеді',
    ru: 'теория: результат теста {overall} достигает проходного балла {passMark}, результат по навыку {skill} — порога {floor}',
    en: 'theory: the test {overall} reaches the pass mark {passMark} and the skill {skill} reaches the floor {floor}',
  },
  THEORY_OVERALL_BELOW_PASS_MARK: {
    kk: 'теория: тест нәтижесі {overall} өту шегінен ({passMark}) төмен',
    ru: 'теория: результат теста {overall} ниже проходного балла {passMark}',
    en: 'theory: the test {overall} is below the pass mark {passMark}',
  },
  THEORY_SKILL_BELOW_FLOOR: {
    kk: 'теория: дағды бойынша нәтиже {skill} ең төменгі шектен ({floor}) төмен',
    ru: 'теория: результат по навыку {skill} ниже порога {floor}',
    en: 'theory: the skill {skill} is below the floor {floor}',
  },
  PRACTICAL_PENDING: {
    kk: 'практика: {assessors} асессордың {missing} қолы күтілуде',
    ru: 'практика: ожидаются подписи {missing} из {assessors} асессоров',
    en: 'practical: waiting for {missing} of {assessors} assessors to sign',
  },
  PRACTICAL_MAJORITY: {
    kk: 'практика: {voters} асессордың {competent} құзыретті деп белгіледі — көпшілік',
    ru: 'практика: {competent} из {voters} асессоров признали компетентным — большинство',
    en: 'practical: {competent} of {voters} assessors recorded competent, a majority',
  },
  PRACTICAL_NO_MAJORITY: {
    kk: 'практика: {voters} асессордың {competent} құзыретті деп белгіледі — көпшілік жоқ',
    ru: 'практика: {competent} из {voters} асессоров признали компетентным — большинства нет',
    en: 'practical: {competent} of {voters} assessors recorded competent, no majority',
  },
  // Program settings and readiness (docs/ASSESSMENT.md §2)
  SETTINGS_ONE_WRONG_ANSWER_FAILS_SKILL: {
    kk: 'бір дағдыға {questionsPerSkill} сұрақ және {skillFloorPercent}% шек болғанда бір қате жауап дағдыны өткізбейді: сұрақтарды көбейтіңіз немесе шекті төмендетіңіз',
    ru: 'при {questionsPerSkill} вопросах на навык и пороге {skillFloorPercent}% один неверный ответ проваливает навык: задайте больше вопросов или снизьте порог',
    en: 'with {questionsPerSkill} questions per skill and a floor of {skillFloorPercent}%, one wrong answer fails a skill: ask more questions or lower the floor',
  },
  SKILL_HAS_NO_TASK: {
    kk: '{skill} «{title}» дағдысының практикалық тапсырмасы жоқ',
    ru: 'навык {skill} «{title}» не имеет практического задания',
    en: 'skill {skill} “{title}” has no practical task',
  },
  SKILL_HAS_TOO_FEW_QUESTIONS: {
    kk: '{skill} «{title}» дағдысы: қажетті {needed} белсенді сұрақтың {questions} бар',
    ru: 'навык {skill} «{title}»: активных вопросов {questions} из {needed} нужных',
    en: 'skill {skill} “{title}”: {questions} of the {needed} active questions needed',
  },
  // The catalogue and applications (docs/CANDIDATES.md)
  EVERY_SKILL_EXAMINED: {
    kk: 'бағаланатын дағдылардың ешқайсысы тануға ұсынылмаған: тану жолында әр дағды емтиханда тексеріледі',
    ru: 'ни один из оцениваемых навыков не рекомендован к признанию: на пути признания каждый навык будет проверен на экзамене',
    en: 'none of the skills to be assessed is recommended for recognition: on the recognition pathway every skill will be examined at an exam session',
  },
  // Appeals (docs/DECISIONS.md)
  PANEL_SKILL_MAJORITY_CREDITS: {
    kk: 'комиссияның {members} мүшесінің {credit} дағдыны есептейді — көпшілік',
    ru: '{credit} из {members} членов комиссии засчитывают навык — большинство',
    en: '{credit} of {members} panel members credit the skill: a majority',
  },
  PANEL_SKILL_NO_MAJORITY: {
    kk: 'комиссияның {members} мүшесінің {credit} дағдыны есептейді — көпшілік жоқ, дағды есептелмеді',
    ru: '{credit} из {members} членов комиссии засчитывают навык — большинства нет, навык не засчитан',
    en: '{credit} of {members} panel members credit the skill: no majority, not credited',
  },
  PANEL_SKILL_PENDING: {
    kk: 'комиссияның {members} мүшесінің {missing} әлі шешімін жазбады',
    ru: '{missing} из {members} членов комиссии ещё не записали решение',
    en: '{missing} of {members} panel members have not recorded a verdict',
  },
} as const satisfies Record<string, Templates>;

/**
 * Eligibility (docs/CANDIDATES.md): the condition codes as published (lower-case), and the pieces
 * the candidates context composes conditions and summaries from (eligibility-messages.ts).
 */
const ELIGIBILITY = {
  education_not_required: {
    kk: 'білім деңгейі талап етілмейді',
    ru: 'уровень образования не требуется',
    en: 'no education level required',
  },
  education_met: {
    kk: 'қажет: {required}, бар: {declared}',
    ru: 'нужно: {required}, есть: {declared}',
    en: 'needs {required}, has {declared}',
  },
  education_not_met: {
    kk: 'қажет: {required}, бар: {declared}',
    ru: 'нужно: {required}, есть: {declared}',
    en: 'needs {required}, has {declared}',
  },
  experience_not_required: {
    kk: 'жұмыс өтілі талап етілмейді',
    ru: 'стаж работы не требуется',
    en: 'no work experience required',
  },
  experience_met: {
    kk: '«{field}» саласында {monthsRequired} {unit} өтіл қажет, бар: {months}',
    ru: 'нужен стаж {monthsRequired} {unit} в области «{field}», есть {months}',
    en: 'needs {monthsRequired} {unit} in {field}, has {months}',
  },
  experience_short: {
    kk: '«{field}» саласында {monthsRequired} {unit} өтіл қажет, бар: {months}',
    ru: 'нужен стаж {monthsRequired} {unit} в области «{field}», есть {months}',
    en: 'needs {monthsRequired} {unit} in {field}, has {months}',
  },
  'experience:any_field': {
    kk: 'кез келген салада {monthsRequired} {unit} жұмыс өтілі қажет, бар: {months}',
    ru: 'нужен стаж работы {monthsRequired} {unit} в любой области, есть {months}',
    en: 'needs {monthsRequired} {unit} of work experience in any field, has {months}',
  },
  'unit:month:one': { kk: 'ай', ru: 'месяц', en: 'month' },
  'unit:month:few': { kk: 'ай', ru: 'месяца', en: 'months' },
  'unit:month:many': { kk: 'ай', ru: 'месяцев', en: 'months' },
  learning_met: {
    kk: 'оқу туралы жазба құжатымен қажет (формалды емес курс сертификаты, жұмыс берушінің мінездемесі немесе жұмыс беруші растаған формалды емес оқу туралы өтініш), бар: {records}',
    ru: 'нужна запись об обучении с документом (сертификат неформального курса, характеристика работодателя или подтверждённое работодателем заявление об информальном обучении), есть: {records}',
    en: 'needs a learning record (non-formal course certificate, employer reference, or informal-learning statement confirmed by an employer) with its document, has {records}',
  },
  learning_missing: {
    kk: 'оқу туралы жазба құжатымен қажет (формалды емес курс сертификаты, жұмыс берушінің мінездемесі немесе жұмыс беруші растаған формалды емес оқу туралы өтініш), жоқ',
    ru: 'нужна запись об обучении с документом (сертификат неформального курса, характеристика работодателя или подтверждённое работодателем заявление об информальном обучении), нет ни одной',
    en: 'needs a learning record (non-formal course certificate, employer reference, or informal-learning statement confirmed by an employer) with its document, has none',
  },
  'eligibility:none': { kk: 'жоқ', ru: 'нет', en: 'none' },
  'eligibility:higher_level': {
    kk: 'жоғары деңгей де талапқа сай',
    ru: 'более высокий уровень тоже подходит',
    en: 'a higher level satisfies the requirement',
  },
  'eligibility:counted': { kk: 'есептелді: {records}', ru: 'учтено: {records}', en: 'counted: {records}' },
  'eligibility:awaiting_check': {
    kk: 'орталық мына құжаттарды тексеруде: {records}',
    ru: 'ожидается проверка центром документов: {records}',
    en: "awaiting the centre's document check of {records}",
  },
  'eligibility:rejected': {
    kk: 'есептелмеді: орталық {record} құжатын қабылдамады',
    ru: 'не учтено: центр отклонил документ {record}',
    en: 'not counted: the centre rejected the document of {record}',
  },
  'eligibility:rejected_because': {
    kk: 'есептелмеді: орталық {record} құжатын қабылдамады: {reason}',
    ru: 'не учтено: центр отклонил документ {record}: {reason}',
    en: 'not counted: the centre rejected the document of {record}: {reason}',
  },
  'eligibility:undocumented': {
    kk: 'есептелмеді, құжат тіркелмеген: {records}',
    ru: 'не учтено, документ не приложен: {records}',
    en: 'not counted, no document attached: {records}',
  },
  'eligibility:route': { kk: '{number}-жол ({kind})', ru: 'путь {number} ({kind})', en: 'route {number} ({kind})' },
  'eligibility:route_kind:formal': { kk: 'формалды білім', ru: 'формальное образование', en: 'formal' },
  'eligibility:route_kind:informal': {
    kk: 'формалды емес және информалды оқыту',
    ru: 'неформальное и информальное обучение',
    en: 'informal',
  },
  'eligibility:or': { kk: 'немесе', ru: 'или', en: 'or' },
  'eligibility:eligible': {
    kk: 'Рұқсат етілді, {route}: {conditions}.',
    ru: 'Допущен, {route}: {conditions}.',
    en: 'Eligible by {route}: {conditions}.',
  },
  'eligibility:awaiting_documents': {
    kk: 'Орталықтың құжаттарды тексеруі күтілуде: мәлімделген жазбалар бойынша {routes} орындалады; орталық {records} құжаттарын растағанда рұқсат беріледі.',
    ru: 'Ожидается проверка документов центром: заявленные записи удовлетворяют условиям: {routes}; допуск — после того как центр подтвердит документы: {records}.',
    en: "Awaiting the centre's document check: the records declared meet {routes}; admitted once the centre confirms the documents of {records}.",
  },
  'eligibility:ineligible': {
    kk: 'Рұқсат етілмеді: бірде-бір жол орындалмайды.',
    ru: 'Не допущен: ни один путь не выполняется.',
    en: 'Not eligible: no route holds.',
  },
  'eligibility:route_fails': {
    kk: '{route}: {conditions}.',
    ru: '{route}: {conditions}.',
    en: '{route}: {conditions}.',
  },
  'eligibility:no_routes': {
    kk: 'Рұқсатты шешу мүмкін емес: карточкада рұқсат жолдары көрсетілмеген; әкімші оның ережелерін растауы керек.',
    ru: 'Допуск нельзя определить: в карточке не указаны пути допуска; администратор должен подтвердить её правила.',
    en: 'Eligibility cannot be decided: the card states no prerequisite routes; an admin must confirm its rules.',
  },
  'eligibility:needs_review': {
    kk: 'Әкімші карточканың рұқсат ережелерін растағанша рұқсатты шешу мүмкін емес. Осы уақытқа дейін оқылған {total} жолдың {holding} орындалады.',
    ru: 'Допуск нельзя определить, пока администратор не подтвердит правила допуска карточки. Из {total} прочитанных путей выполняются: {holding}.',
    en: "Eligibility cannot be decided until an admin confirms the card's prerequisite rules. {holding} of {total} routes read so far hold.",
  },
  'eligibility:needs_review_because': {
    kk: 'Әкімші карточканың рұқсат ережелерін растағанша рұқсатты шешу мүмкін емес: {reasons}. Осы уақытқа дейін оқылған {total} жолдың {holding} орындалады.',
    ru: 'Допуск нельзя определить, пока администратор не подтвердит правила допуска карточки: {reasons}. Из {total} прочитанных путей выполняются: {holding}.',
    en: "Eligibility cannot be decided until an admin confirms the card's prerequisite rules: {reasons}. {holding} of {total} routes read so far hold.",
  },
  no_informal_route: {
    kk: 'Карточка формалды емес немесе информалды оқыту арқылы ешкімді жібермейді: оның информалды оқыту ұяшығы бос.',
    ru: 'Карточка не допускает никого через неформальное или информальное обучение: её графа информального обучения пуста.',
    en: 'The card admits no one through non-formal or informal learning: its informal-learning cell is empty.',
  },
  checked_before_document_checks: {
    kk: 'Мәлімделген жазбалар бойынша тексерілді: орталықтар рұқсат құжаттарын тексермей тұрып және өтіл салалары иерархияға біріктірілмей тұрып.',
    ru: 'Проверено по заявленным записям — до того, как центры стали проверять документы для допуска, и до того, как области стажа сложились в иерархию.',
    en: 'Checked on the records declared, before centres checked admission documents and before experience fields formed a hierarchy.',
  },
  'education:general_secondary': {
    kk: 'жалпы орта білім',
    ru: 'общее среднее образование',
    en: 'general secondary education',
  },
  'education:tvet_worker': {
    kk: 'ТжКБ (жұмысшы кәсіптері)',
    ru: 'ТиПО (рабочие профессии)',
    en: 'technical and vocational education (worker)',
  },
  'education:tvet_specialist': {
    kk: 'ТжКБ (орта буын маманы)',
    ru: 'ТиПО (специалист среднего звена)',
    en: 'technical and vocational education (specialist)',
  },
  'education:post_secondary': {
    kk: 'орта білімнен кейінгі білім (қолданбалы бакалавриат)',
    ru: 'послесреднее образование (прикладной бакалавриат)',
    en: 'post-secondary education (applied bachelor)',
  },
  'education:higher': {
    kk: 'жоғары білім (бакалавриат, мамандандырылған жоғары білім)',
    ru: 'высшее образование (бакалавриат, специалитет)',
    en: 'higher education (bachelor, specialist)',
  },
  'education:postgraduate': {
    kk: 'жоғары оқу орнынан кейінгі білім (магистратура, докторантура)',
    ru: 'послевузовское образование (магистратура, докторантура)',
    en: 'postgraduate education (master, doctorate)',
  },
} as const satisfies Record<string, Templates>;

/** Notification titles, by the notification's kind. */
const NOTIFICATIONS = {
  'notification:decision.approved': {
    kk: 'Өтінішіңіз бойынша шешімге қол қойылды',
    ru: 'Решение по вашему заявлению подписано',
    en: 'A decision on your application has been signed',
  },
  'notification:certificate.issued': {
    kk: 'Сертификатыңыз берілді',
    ru: 'Ваш сертификат выдан',
    en: 'Your certificate has been issued',
  },
  'notification:certificate.revoked': {
    kk: 'Сертификатыңыздың күші жойылды',
    ru: 'Ваш сертификат отозван',
    en: 'Your certificate has been revoked',
  },
  'notification:appeal.lodged': {
    kk: 'Апелляция берілді, оған комиссия қажет',
    ru: 'Подана апелляция: нужна комиссия',
    en: 'An appeal has been lodged and needs a panel',
  },
  'notification:appeal.upheld': {
    kk: 'Комиссия сіз шағымданған шешімді күшінде қалдырды',
    ru: 'Комиссия оставила в силе обжалованное вами решение',
    en: 'The panel upheld what you appealed against',
  },
  'notification:appeal.admitted': {
    kk: 'Комиссия апелляция бойынша өтінішіңізге рұқсат берді',
    ru: 'Комиссия по апелляции допустила ваше заявление',
    en: 'The panel admitted your application on appeal',
  },
  'notification:appeal.sustained': {
    kk: 'Комиссия шағымыңызды негізді деп тапты',
    ru: 'Комиссия признала вашу жалобу обоснованной',
    en: 'The panel found your complaint well founded',
  },
  'notification:appeal.reassessment': {
    kk: 'Комиссия сіз дау айтқан дағдыларды қайта бағалауды тағайындады',
    ru: 'Комиссия назначила повторную оценку оспоренных вами навыков',
    en: 'The panel ordered a re-assessment of the skills you contested',
  },
  'notification:appeal.resolved': {
    kk: 'Апелляциядан кейін жаңа шешімге қол қойылды',
    ru: 'После апелляции подписано новое решение',
    en: 'A new decision has been signed after your appeal',
  },
} as const satisfies Record<`notification:${string}`, Templates>;

export const MESSAGES = {
  ...ERRORS,
  ...ERROR_VARIANTS,
  ...EXPLANATIONS,
  ...ELIGIBILITY,
  ...NOTIFICATIONS,
  ...FIELD_MESSAGES,
} as const satisfies Record<string, Templates>;

export type MessageCode = keyof typeof MESSAGES;
export type ErrorMessageCode = ErrorCode | keyof typeof ERROR_VARIANTS;
export type ExplanationCode = keyof typeof EXPLANATIONS;

export function isMessageCode(code: unknown): code is MessageCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(MESSAGES, code);
}

/** The parameter names a template uses, in order of first use. */
export function templateParams(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
}

/** A code's message in a language; a parameter not given is left as `{name}`, to be noticed. */
export function renderMessage(language: Language, code: MessageCode, params: MessageParams = {}): string {
  const templates: Templates = MESSAGES[code];
  const template = templates[LANGUAGES.includes(language) ? language : DEFAULT_LANGUAGE];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) && params[name] !== null ? String(params[name]) : whole,
  );
}
