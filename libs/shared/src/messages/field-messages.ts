import type { Templates } from './catalogue';

/**
 * What is wrong with one field of a request (`details.fields[].messages` of VALIDATION_FAILED and
 * of the 409s that name a field), in Kazakh, Russian and English. `{field}` is the field's name as
 * the API spells it. The English texts of the `field:<constraint>` codes are class-validator's
 * own, so English answers read as they always have.
 */
export const FIELD_MESSAGES = {
  // The constraints of the DTOs' decorators, by class-validator's constraint name.
  'field:required': {
    kk: '{field}: міндетті өріс',
    ru: '{field}: обязательное поле',
    en: '{field} is required',
  },
  'field:whitelistValidation': {
    kk: '{field} өрісі бұл жерде қабылданбайды',
    ru: 'поле {field} здесь не принимается',
    en: 'property {field} should not exist',
  },
  'field:isString': {
    kk: '{field}: мәтін болуы керек',
    ru: '{field}: должно быть строкой',
    en: '{field} must be a string',
  },
  'field:isNotEmpty': {
    kk: '{field}: бос болмауы керек',
    ru: '{field}: не должно быть пустым',
    en: '{field} should not be empty',
  },
  'field:minLength': {
    kk: '{field}: кемінде {min} таңба болуы керек',
    ru: '{field}: не короче {min} символов',
    en: '{field} must be longer than or equal to {min} characters',
  },
  'field:maxLength': {
    kk: '{field}: {max} таңбадан аспауы керек',
    ru: '{field}: не длиннее {max} символов',
    en: '{field} must be shorter than or equal to {max} characters',
  },
  'field:isInt': {
    kk: '{field}: бүтін сан болуы керек',
    ru: '{field}: должно быть целым числом',
    en: '{field} must be an integer number',
  },
  'field:min': {
    kk: '{field}: {min} санынан кем болмауы керек',
    ru: '{field}: не меньше {min}',
    en: '{field} must not be less than {min}',
  },
  'field:max': {
    kk: '{field}: {max} санынан аспауы керек',
    ru: '{field}: не больше {max}',
    en: '{field} must not be greater than {max}',
  },
  'field:isUuid': {
    kk: '{field}: UUID болуы керек',
    ru: '{field}: должно быть UUID',
    en: '{field} must be a UUID',
  },
  'field:isIn': {
    kk: '{field}: мына мәндердің бірі болуы керек: {values}',
    ru: '{field}: допустимые значения: {values}',
    en: '{field} must be one of the following values: {values}',
  },
  'field:isArray': {
    kk: '{field}: тізім болуы керек',
    ru: '{field}: должно быть списком',
    en: '{field} must be an array',
  },
  'field:arrayMinSize': {
    kk: '{field}: кемінде {min} элемент болуы керек',
    ru: '{field}: не меньше {min} элементов',
    en: '{field} must contain at least {min} elements',
  },
  'field:arrayMaxSize': {
    kk: '{field}: {max} элементтен аспауы керек',
    ru: '{field}: не больше {max} элементов',
    en: '{field} must contain no more than {max} elements',
  },
  'field:isEmail': {
    kk: '{field}: электрондық пошта мекенжайы болуы керек',
    ru: '{field}: должен быть адрес электронной почты',
    en: '{field} must be an email',
  },
  'field:isBoolean': {
    kk: '{field}: true немесе false болуы керек',
    ru: '{field}: должно быть true или false',
    en: '{field} must be a boolean value',
  },
  'field:isDate': {
    kk: '{field}: күн мен уақыт болуы керек',
    ru: '{field}: должно быть датой и временем',
    en: '{field} must be a Date instance',
  },
  'field:isIso8601': {
    kk: '{field}: ISO 8601 пішіміндегі күн болуы керек',
    ru: '{field}: должно быть датой в формате ISO 8601',
    en: '{field} must be a valid ISO 8601 date string',
  },
  'field:isDefined': {
    kk: '{field}: міндетті өріс',
    ru: '{field}: обязательное поле',
    en: '{field} should not be null or undefined',
  },
  'field:matches': {
    kk: '{field}: пішімі сәйкес емес ({pattern})',
    ru: '{field}: неверный формат ({pattern})',
    en: '{field} must match {pattern} regular expression',
  },
  'field:nestedValidation': {
    kk: '{field}: объект немесе тізім болуы керек',
    ru: '{field}: должно быть объектом или списком',
    en: 'nested property {field} must be either object or array',
  },
  // The same constraints on each value of a list (`{ each: true }`).
  'field:each:isString': {
    kk: '{field}: әр мән мәтін болуы керек',
    ru: '{field}: каждое значение должно быть строкой',
    en: 'each value in {field} must be a string',
  },
  'field:each:minLength': {
    kk: '{field}: әр мән кемінде {min} таңба болуы керек',
    ru: '{field}: каждое значение не короче {min} символов',
    en: 'each value in {field} must be longer than or equal to {min} characters',
  },
  'field:each:maxLength': {
    kk: '{field}: әр мән {max} таңбадан аспауы керек',
    ru: '{field}: каждое значение не длиннее {max} символов',
    en: 'each value in {field} must be shorter than or equal to {max} characters',
  },
  'field:each:isInt': {
    kk: '{field}: әр мән бүтін сан болуы керек',
    ru: '{field}: каждое значение должно быть целым числом',
    en: 'each value in {field} must be an integer number',
  },
  'field:each:min': {
    kk: '{field}: әр мән {min} санынан кем болмауы керек',
    ru: '{field}: каждое значение не меньше {min}',
    en: 'each value in {field} must not be less than {min}',
  },
  'field:each:max': {
    kk: '{field}: әр мән {max} санынан аспауы керек',
    ru: '{field}: каждое значение не больше {max}',
    en: 'each value in {field} must not be greater than {max}',
  },
  'field:each:isUuid': {
    kk: '{field}: әр мән UUID болуы керек',
    ru: '{field}: каждое значение должно быть UUID',
    en: 'each value in {field} must be a UUID',
  },

  // Formats the DTOs name by a rule of their own (`fieldRule(...)` as the decorator's message).
  'field:date': {
    kk: '{field}: күн болуы керек (ЖЖЖЖ-АА-КК)',
    ru: '{field}: должно быть датой (ГГГГ-ММ-ДД)',
    en: '{field} must be a date (YYYY-MM-DD)',
  },
  'field:phone': {
    kk: '{field}: цифрлар, бос орын, жақша және сызықша ғана',
    ru: '{field}: только цифры, пробелы, скобки и дефисы',
    en: '{field} must be digits, spaces, brackets and dashes',
  },
  'field:iinDigits': {
    kk: '{field}: 12 цифр болуы керек',
    ru: '{field}: должно состоять из 12 цифр',
    en: '{field} must be 12 digits',
  },
  'field:centreCode': {
    kk: '{field}: 2–10 бас латын әрпі немесе цифр',
    ru: '{field}: 2–10 заглавных латинских букв или цифр',
    en: '{field} must be 2-10 capital Latin letters or digits',
  },
  'field:entityType': {
    kk: '{field}: кіші латын әріптері мен астын сызу белгісі',
    ru: '{field}: строчные латинские буквы и подчёркивания',
    en: '{field} must be lower-case letters and underscores',
  },
  'field:uuidList': {
    kk: '{field}: үтірмен бөлінген UUID-тер',
    ru: '{field}: UUID через запятую',
    en: '{field} must be comma-separated UUIDs',
  },
  'field:fileName': {
    kk: '{field}: файл атауы болуы керек (көлбеу сызықсыз және басқару таңбаларынсыз)',
    ru: '{field}: должно быть именем файла (без косых черт и управляющих символов)',
    en: '{field} must be a file name (no slashes or control characters)',
  },
  'field:occupationCode': {
    kk: '{field}: 4224, 4224-5 немесе 4224-5-003 сияқты болуы керек',
    ru: '{field}: в виде 4224, 4224-5 или 4224-5-003',
    en: '{field} must look like 4224, 4224-5 or 4224-5-003',
  },
  'field:fieldCode': {
    kk: '{field}: GET /api/v1/fields тізіміндегі код болуы керек',
    ru: '{field}: должно быть кодом из GET /api/v1/fields',
    en: '{field} must be a code of GET /api/v1/fields',
  },
  'field:certificateNumber': {
    kk: '{field}: CODE-2026-000001 сияқты болуы керек',
    ru: '{field}: в виде CODE-2026-000001',
    en: '{field} must look like CODE-2026-000001',
  },
  'field:iin:NOT_12_DIGITS': {
    kk: 'ЖСН дәл 12 цифрдан тұруы керек, бос орынсыз және басқа таңбаларсыз.',
    ru: 'ИИН должен состоять ровно из 12 цифр, без пробелов и других знаков.',
    en: 'The IIN must be exactly 12 digits, with no spaces or other characters.',
  },
  'field:iin:BAD_CENTURY_DIGIT': {
    kk: 'ЖСН-нің 7-цифры 1-ден 6-ға дейін болуы керек (туған ғасыр мен жыныс).',
    ru: '7-я цифра ИИН должна быть от 1 до 6 (век рождения и пол).',
    en: 'The 7th digit of the IIN must be 1 to 6 (century of birth and sex); it is not.',
  },
  'field:iin:BAD_BIRTH_DATE': {
    kk: 'ЖСН-нің алғашқы алты цифры (ЖЖААКК) нақты туған күн емес немесе болашақтағы күн.',
    ru: 'Первые шесть цифр ИИН (ГГММДД) — не настоящая дата рождения или дата в будущем.',
    en: 'The first six digits of the IIN (YYMMDD) are not a real date of birth, or a date in the future.',
  },
  'field:iin:BAD_CHECK_DIGIT': {
    kk: 'ЖСН-нің бақылау цифры қате: нөмір қате терілген немесе нақты ЖСН емес.',
    ru: 'Контрольная цифра ИИН неверна: номер набран с ошибкой или это не настоящий ИИН.',
    en: 'The IIN check digit is wrong: the number is mistyped or not a real IIN.',
  },
  'field:iin:BIRTH_DATE_MISMATCH': {
    kk: 'ЖСН-дегі туған күн көрсетілген туған күннен өзгеше.',
    ru: 'Дата рождения в ИИН отличается от указанной даты рождения.',
    en: 'The date of birth encoded in the IIN differs from the stated date of birth.',
  },
  'field:iin:SEX_MISMATCH': {
    kk: 'ЖСН-дегі жыныс (7-цифр) көрсетілген жыныстан өзгеше.',
    ru: 'Пол в ИИН (7-я цифра) отличается от указанного пола.',
    en: 'The sex encoded in the IIN (7th digit) differs from the stated sex.',
  },
  'field:password:short': {
    kk: 'кемінде {min} таңба болуы керек',
    ru: 'не короче {min} символов',
    en: 'must be at least {min} characters long',
  },
  'field:password:long': {
    kk: '{max} таңбадан аспауы керек',
    ru: 'не длиннее {max} символов',
    en: 'must be at most {max} characters long',
  },
  'field:password:common': {
    kk: 'ең көп таралған құпиясөздердің бірі',
    ru: 'один из самых распространённых паролей',
    en: 'is one of the most common passwords',
  },
  'field:password:digits': {
    kk: 'табу тым оңай',
    ru: 'слишком легко подобрать',
    en: 'is too easy to guess',
  },
  'field:password:pattern': {
    kk: 'табу тым оңай: қысқа үлгі қайталанады',
    ru: 'слишком легко подобрать: повторяется короткий фрагмент',
    en: 'is too easy to guess: it repeats a short pattern',
  },
  'field:password:words': {
    kk: 'табу тым оңай: жиі кездесетін сөздерден құралған',
    ru: 'слишком легко подобрать: состоит из распространённых слов',
    en: 'is too easy to guess: it is made of common words',
  },
  'field:password:sequence': {
    kk: 'табу тым оңай: пернетақта немесе әліпби тізбегі',
    ru: 'слишком легко подобрать: это ряд клавиатуры или алфавита',
    en: 'is too easy to guess: it is a keyboard or alphabet sequence',
  },
  'field:password:email': {
    kk: 'поштаңызды қамтымауы керек',
    ru: 'не должен содержать вашу почту',
    en: 'must not contain your email',
  },
  'field:password:name': {
    kk: 'атыңызды қамтымауы керек',
    ru: 'не должен содержать ваше имя',
    en: 'must not contain your name',
  },
  'field:fileEmpty': {
    kk: 'файл бос',
    ru: 'файл пуст',
    en: 'is empty',
  },
  'field:fileType': {
    kk: 'PDF, JPEG немесе PNG файлы емес',
    ru: 'не файл PDF, JPEG или PNG',
    en: 'is not a PDF, JPEG or PNG file',
  },
  'field:nameOneSkill': {
    kk: 'кемінде бір дағдыны атаңыз',
    ru: 'назовите хотя бы один навык',
    en: 'name at least one skill',
  },
  'field:namedTwice': {
    kk: '{id} екі рет аталған',
    ru: '{id} назван дважды',
    en: '{id} is named twice',
  },
  'field:notAssessedSkill': {
    kk: '{id} — өтініш бойынша бағаланған дағды емес',
    ru: '{id} — не навык, по которому оценивалось заявление',
    en: '{id} is not a skill the application was assessed on',
  },
  'field:alreadyCredited': {
    kk: '{id} шешіммен сыналып қойған',
    ru: '{id} уже зачтён решением',
    en: '{id} is already credited by the decision',
  },
  'field:assessorTwice': {
    kk: 'бағалаушы екі рет аталған',
    ru: 'оценщик назван дважды',
    en: 'an assessor is named twice',
  },
  'field:panelSize': {
    kk: 'комиссияда кемінде {min} бағалаушы болады',
    ru: 'в комиссии не менее {min} оценщиков',
    en: 'a panel has at least {min} assessors',
  },
  'field:notYourEvidence': {
    kk: '{id} — сіздің дәлел файлыңыз емес',
    ru: '{id} — не ваш файл доказательств',
    en: '{id} is not one of your evidence files',
  },
  'field:idNotSkillOfCard': {
    kk: '{id} — бұл карточканың дағдысы емес',
    ru: '{id} — не навык этой карточки',
    en: '{id} is not a skill of this card',
  },
  'field:recognitionRefused': {
    kk: '{id}: тану {recognition}',
    ru: '{id}: признание {recognition}',
    en: '{id}: recognition {recognition}',
  },
  'field:positiveWhole': {
    kk: '{field}: оң бүтін сан болуы керек',
    ru: '{field}: должно быть положительным целым числом',
    en: '{field} must be a positive whole number',
  },
  'field:nonEmptyText': {
    kk: '{field}: бос емес мәтін болуы керек',
    ru: '{field}: должно быть непустым текстом',
    en: '{field} must be non-empty text',
  },
  'field:correctionFunction': {
    kk: '{field}: { kind: "mandatory" | "additional", number: оң бүтін сан } болуы керек',
    ru: '{field}: должно быть { kind: "mandatory" | "additional", number: положительное целое }',
    en: '{field} must be { kind: "mandatory" | "additional", number: positive whole number }',
  },
  'field:correctionSkill': {
    kk: '{field}: оң бүтін сан болуы және функциямен бірге берілуі керек',
    ru: '{field}: должно быть положительным целым и указываться вместе с функцией',
    en: '{field} must be a positive whole number and needs a function',
  },
  'field:correctionIndex': {
    kk: '{field}: тек abilities мен knowledge үшін және оларға міндетті',
    ru: '{field}: нужен для abilities и knowledge, и только для них',
    en: '{field} is required for abilities and knowledge, and only for them',
  },
  'field:verificationCode': {
    kk: '{field}: сертификатта басылған 10 таңбалы тексеру коды, мысалы 7K3QM-Z9XA4',
    ru: '{field}: 10-значный код проверки, напечатанный на сертификате, например 7K3QM-Z9XA4',
    en: '{field} must be the 10-character verification code printed on the certificate, like 7K3QM-Z9XA4',
  },

  // What the API's own checks find (services and rules), beyond a field's format.
  'field:null': {
    kk: '{field}: null болмауы керек; өрісті жібермеңіз',
    ru: '{field}: не может быть null; не передавайте поле',
    en: '{field} must not be null; omit it instead',
  },
  'field:object': {
    kk: '{field}: объект болуы керек',
    ru: '{field}: должно быть объектом',
    en: '{field} must be an object',
  },
  'field:nul': {
    kk: 'NUL таңбасы болмауы керек',
    ru: 'не должно содержать символов NUL',
    en: 'must not contain NUL characters',
  },
  'field:nulName': {
    kk: 'өріс атауында NUL таңбасы болмауы керек',
    ru: 'в имени поля не должно быть символа NUL',
    en: 'must not have a field name with a NUL character',
  },
  'field:contentType': {
    kk: '{accepted} болуы керек',
    ru: 'должен быть {accepted}',
    en: 'must be {accepted}',
  },
  'field:wholeNumber': {
    kk: '{field}: бүтін сан болуы керек',
    ru: '{field}: должно быть целым числом',
    en: '{field} must be a whole number',
  },
  'field:wholeAtLeast': {
    kk: '{field}: кемінде {min} бүтін сан болуы керек',
    ru: '{field}: целое число не меньше {min}',
    en: '{field} must be a whole number of at least {min}',
  },
  'field:share': {
    kk: '{field}: 0 мен 1 аралығында болуы керек',
    ru: '{field}: должно быть от 0 до 1',
    en: '{field} must be between 0 and 1',
  },
  'field:after': {
    kk: '{field}: {other} өрісінен кейін болуы керек',
    ru: '{field}: должно быть позже {other}',
    en: '{field} must be after {other}',
  },
  'field:notBefore': {
    kk: '{field}: {other} өрісінен ерте болмауы керек',
    ru: '{field}: не может быть раньше {other}',
    en: '{field} must not be before {other}',
  },
  'field:realDate': {
    kk: '{field}: мұндай күн жоқ',
    ru: '{field}: такой даты не существует',
    en: '{field} is not a real date',
  },
  'field:future': {
    kk: '{field}: болашақтағы күн болмауы керек',
    ru: '{field}: дата не может быть в будущем',
    en: '{field} must not be in the future',
  },
  'field:utf8': {
    kk: '{field}: UTF-8 мәтіні болуы керек',
    ru: '{field}: должно быть текстом в UTF-8',
    en: '{field} must be UTF-8 text',
  },
  'field:jsonFile': {
    kk: '{field}: JSON файлы болуы керек',
    ru: '{field}: должно быть файлом JSON',
    en: '{field} must be a JSON file',
  },
  'field:standardText': {
    kk: 'стандарттың мәтіні міндетті',
    ru: 'нужен текст стандарта',
    en: 'the standard’s text is required',
  },
  'field:fileRequired': {
    kk: 'файл міндетті',
    ru: 'нужен файл',
    en: 'a file is required',
  },
  'field:quota': {
    kk: 'файл сақтау квотаңыздан асады',
    ru: 'файл превышает вашу квоту хранения',
    en: 'exceeds your storage quota',
  },
  'field:notFoundId': {
    kk: '{id} табылмады',
    ru: '{id} не найден',
    en: '{id} was not found',
  },
  'field:unknownCard': {
    kk: 'мұндай карточка жоқ',
    ru: 'такой карточки нет',
    en: 'unknown card',
  },
  'field:unknownCentre': {
    kk: 'мұндай орталық жоқ',
    ru: 'такого центра нет',
    en: 'unknown centre',
  },
  'field:unknownProgram': {
    kk: 'мұндай бағдарлама жоқ',
    ru: 'такой программы нет',
    en: 'unknown program',
  },
  'field:unknownApplication': {
    kk: 'мұндай өтініш жоқ',
    ru: 'такого заявления нет',
    en: 'unknown application',
  },
  'field:unknownAssessor': {
    kk: 'мұндай бағалаушы жоқ',
    ru: 'такого оценщика нет',
    en: 'unknown assessor',
  },
  'field:unknownCandidate': {
    kk: 'орталығыңызда бұл идентификаторы бар үміткер жоқ',
    ru: 'в вашем центре нет кандидата с таким идентификатором',
    en: 'no candidate of your centre has this id',
  },
  'field:notAccredited': {
    kk: 'аккредиттелмеген',
    ru: 'не аккредитован',
    en: 'not accredited',
  },
  'field:centreNotAccredited': {
    kk: 'орталық бұл карточка бойынша аккредиттелмеген',
    ru: 'центр не аккредитован по этой карточке',
    en: 'not accredited for the card',
  },
  'field:centreIdsRole': {
    kk: 'тек орталық менеджерлері мен бағалаушылар үшін',
    ru: 'только для менеджеров центров и оценщиков',
    en: 'only for centre managers and assessors',
  },
  'field:centreRequired': {
    kk: 'орталық менеджеріне немесе бағалаушыға кемінде бір орталық керек',
    ru: 'менеджеру центра или оценщику нужен хотя бы один центр',
    en: 'a centre manager or assessor needs at least one centre',
  },
  'field:candidateAccount': {
    kk: 'үміткердің тіркелгісі рөлін сақтайды',
    ru: 'учётная запись кандидата сохраняет свою роль',
    en: 'a candidate’s account keeps its role',
  },
  'field:lastAdmin': {
    kk: 'соңғы белсенді әкімші',
    ru: 'последний активный администратор',
    en: 'the last active administrator',
  },
  'field:emailAmbiguous': {
    kk: 'кіші әрпі екіұшты әріптер бар (мысалы, İ); мекенжайды кіші әріптермен жазыңыз',
    ru: 'есть буквы с неоднозначной строчной формой (например, İ); напишите адрес строчными',
    en: 'has letters whose lower case is ambiguous (such as İ); write the address in lower case',
  },
  'field:emailTaken': {
    kk: 'бұл пошта тіркелген',
    ru: 'эта почта уже зарегистрирована',
    en: 'is already registered',
  },
  'field:taken': {
    kk: 'бұл мән қолданылып жүр',
    ru: 'это значение уже занято',
    en: 'is already used',
  },
  'field:wrongPassword': {
    kk: 'қате',
    ru: 'неверен',
    en: 'is wrong',
  },
  'field:overlaps': {
    kk: 'қолданыстағы аккредиттеумен қабаттасады',
    ru: 'пересекается с действующей аккредитацией',
    en: 'overlaps an accreditation in force',
  },
  'field:mustBeAssessor': {
    kk: 'бағалаушы болуы керек',
    ru: 'должен быть оценщиком',
    en: 'must be assessor',
  },
  'field:repeatOption': {
    kk: 'нұсқа қайталанбауы керек',
    ru: 'вариант не должен повторяться',
    en: 'must not repeat an option',
  },
  'field:optionMissing': {
    kk: 'берілген нұсқаларды көрсетуі керек',
    ru: 'должно указывать на данные варианты',
    en: 'must point at given options',
  },
  'field:singleChoice': {
    kk: 'бір жауапты сұрақтың дұрыс нұсқасы дәл біреу',
    ru: 'у вопроса с одним ответом ровно один верный вариант',
    en: 'a single-choice question has exactly one correct option',
  },
  'field:optionsDiffer': {
    kk: 'нұсқалар әртүрлі болуы керек',
    ru: 'варианты должны различаться',
    en: 'options must differ',
  },
  'field:notKnowledgeItem': {
    kk: 'дағдының білім элементі емес',
    ru: 'не является элементом знаний этого навыка',
    en: 'is not a knowledge item of the skill',
  },
  'field:notSkillOfCard': {
    kk: 'карточканың дағдысы емес',
    ru: 'не является навыком этой карточки',
    en: 'is not a skill of the card',
  },
  'field:notAdditionalFunction': {
    kk: '{id} — карточканың қосымша функциясы емес',
    ru: '{id} — не дополнительная функция карточки',
    en: '{id} is not an additional function of the card',
  },
  'field:notAbility': {
    kk: '{id} — дағдының іскерлігі емес',
    ru: '{id} — не умение этого навыка',
    en: '{id} is not an ability of the skill',
  },
  'field:notOption': {
    kk: '{id} — бұл сұрақтың нұсқасы емес',
    ru: '{id} — не вариант этого вопроса',
    en: '{id} is not an option of this question',
  },
  'field:notOffered': {
    kk: '{id} ұсынылмайды',
    ru: '{id} не предлагается',
    en: '{id} is not offered',
  },
  'field:minAssessors': {
    kk: 'кемінде {count} бағалаушы',
    ru: 'не менее {count} оценщиков',
    en: 'at least {count} assessors',
  },
  'field:noSkill': {
    kk: 'емтиханда тексерілетін дағды жоқ',
    ru: 'нет навыков для экзамена',
    en: 'no skill to examine',
  },
  'field:alreadyEnrolled': {
    kk: 'сессияға жазылып қойған',
    ru: 'уже записано на сессию',
    en: 'already enrolled',
  },
  'field:notExamined': {
    kk: 'емтиханда тексерілмеген',
    ru: 'не экзаменовался',
    en: 'not examined',
  },
  'field:allCriteria': {
    kk: 'қабылдау үшін төрт өлшемнің бәрі орындалуы керек',
    ru: 'для принятия должны выполняться все четыре критерия',
    en: 'all four criteria must hold to accept',
  },
  'field:iinDiffers': {
    kk: 'профильде көрсетілген ЖСН-нен өзгеше',
    ru: 'отличается от ИИН, указанного в профиле',
    en: 'differs from the ИИН the profile declares',
  },
  'field:iinElsewhere': {
    kk: 'басқа тіркелгі үшін расталған',
    ru: 'подтверждён для другой учётной записи',
    en: 'confirmed for another account',
  },
  'field:notYourFile': {
    kk: 'бұл сіздің дәлел файлыңыз емес (оны POST /evidence арқылы жүктеңіз)',
    ru: 'это не ваш файл доказательств (загрузите его через POST /evidence)',
    en: 'not one of your evidence files (upload it with POST /evidence)',
  },
  'field:openApplication': {
    kk: 'ашық өтініш бар',
    ru: 'есть открытое заявление',
    en: 'an open application exists',
  },
  'field:retakeOpens': {
    kk: 'қайта тапсыру {opensOn} бастап ашылады',
    ru: 'пересдача откроется {opensOn}',
    en: 'a retake opens on {opensOn}',
  },
  'field:noDocument': {
    kk: 'құжаты жоқ жазбаны растауға болмайды',
    ru: 'запись без документа нельзя подтвердить',
    en: 'a record without a document cannot be confirmed',
  },
  'field:reTheory': {
    kk: 'correct 0-ден total-ға дейінгі бүтін сан, total кемінде 1',
    ru: 'correct — целое от 0 до total, total не меньше 1',
    en: 'correct must be a whole number from 0 to total, total at least 1',
  },
  'field:reExaminationRequired': {
    kk: 'теориялық қайта тест немесе практикалық бақылау қажет',
    ru: 'нужен повторный теоретический тест или практическое наблюдение',
    en: 'a theory re-test or a practical observation is required',
  },
  'field:notPassed': {
    kk: 'тапсырылмады',
    ru: 'не сдано',
    en: 'not passed',
  },
  'field:contradicts': {
    kk: 'қайта емтихан нәтижесіне қайшы',
    ru: 'противоречит повторной проверке',
    en: 'contradicts the re-examination',
  },
  'field:vote': {
    kk: 'бұл апелляцияда дауыс мынаның бірі: {allowed}',
    ru: 'в этой апелляции голос — одно из: {allowed}',
    en: 'an appeal of this kind takes {allowed}',
  },
  'field:notContested': {
    kk: 'бұл дағды апелляцияда дауланбайды',
    ru: 'этот навык не оспаривается в апелляции',
    en: 'the skill is not contested by this appeal',
  },
} as const satisfies Record<`field:${string}`, Templates>;

export type FieldMessageCode = keyof typeof FIELD_MESSAGES;

export function isFieldMessageCode(code: unknown): code is FieldMessageCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(FIELD_MESSAGES, code);
}

/**
 * A DTO decorator's message naming a rule of the catalogue: `@Matches(DAY, { message: fieldRule('date') })`.
 * The validation pipe reads it back as the field's fault, rendered in the caller's language.
 */
export function fieldRule(rule: FieldMessageCode extends `field:${infer R}` ? R : never): string {
  return `field:${rule}`;
}
