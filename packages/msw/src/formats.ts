// `date-time` as Prism checks it (its own validator, which replaces ajv-formats' one): RFC 3339 with `T` or a space
// between date and time, and a zone. Kept word for word in behaviour so both mocks accept and refuse the same values.
const SEPARATOR = /t|\s/i;
const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TIME = /^(\d\d):(\d\d):(\d\d)(\.\d+)?(z|[+-]\d\d(?::?\d\d)?)?$/i;
const ISO_8601_ZONE = /^[+-](?:[01][0-9]|2[0-4])(?::?[0-5][0-9])?$/;

export function prismDateTime(value: string): boolean {
  const parts = value.split(SEPARATOR);
  return parts.length === 2 && date(parts[0] ?? "") && time(parts[1] ?? "", true);
}

function date(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : (DAYS[month] ?? 0));
}

function time(value: string, withZone: boolean): boolean {
  const match = TIME.exec(value);
  if (!match) return false;
  const [hour, minute, second, zone] = [Number(match[1]), Number(match[2]), Number(match[3]), match[5] ?? ""];
  const inRange = (hour <= 23 && minute <= 59 && second <= 59) || (hour === 23 && minute === 59 && second === 60);
  return (
    inRange &&
    (!withZone ||
      /^z$/i.test(zone) ||
      (/^[+-]/.test(zone) && time(`${zone.slice(1)}:00`, false)) ||
      ISO_8601_ZONE.test(zone))
  );
}
