/**
 * Dates as the site shows them: in its time zone and with its date and time
 * formats (Settings → General), which WordPress gives wp-date on every admin
 * page; relative times ("2 hours ago") in the words core's screens use.
 */
import { dateI18n, getSettings, humanTimeDiff } from '@wordpress/date';
import { __, _x, sprintf } from '@wordpress/i18n';

/**
 * Parses an ISO 8601 timestamp.
 *
 * @param iso Timestamp from the REST API.
 * @return The date, or null when the text is not a valid date.
 */
export function parseDate( iso: string | null | undefined ): Date | null {
	if ( ! iso ) {
		return null;
	}
	const date = new Date( iso );
	return Number.isNaN( date.getTime() ) ? null : date;
}

/**
 * Names the site's time zone at a moment: its abbreviation (CET, CEST, EST)
 * when the site names a city that has one, else its offset from UTC.
 *
 * @param date The moment.
 * @return For example "CEST", "UTC" or "UTC+5:30".
 */
function zoneOf( date: Date ): string {
	const abbreviation = getSettings().timezone.string
		? dateI18n( 'T', date )
		: '';
	// Zones without an abbreviation of their own print their offset ("-03").
	if ( /^[A-Z]{2,5}$/.test( abbreviation ) ) {
		return abbreviation;
	}
	const minutes = Math.round( Number( dateI18n( 'Z', date ) ) / 60 );
	if ( minutes === 0 ) {
		return 'UTC';
	}
	const hours = Math.floor( Math.abs( minutes ) / 60 );
	const rest = Math.abs( minutes ) % 60;
	return `UTC${ minutes > 0 ? '+' : '-' }${ hours }${
		rest ? `:${ String( rest ).padStart( 2, '0' ) }` : ''
	}`;
}

/**
 * Says how long ago (or how far ahead) a moment is, relative to `now`.
 *
 * @param iso Timestamp from the REST API.
 * @param now The current time.
 * @return For example "5 minutes ago"; the raw text when it is not a date.
 */
export function formatRelativeTime( iso: string, now: Date ): string {
	const date = parseDate( iso );
	return date ? humanTimeDiff( date, now ) : iso;
}

/**
 * Formats a moment as date and time with the time zone named.
 *
 * @param iso Timestamp from the REST API.
 * @return For example "November 26, 2026 at 1:02 am UTC"; the raw text when
 *         it is not a date.
 */
export function formatDateTime( iso: string ): string {
	const date = parseDate( iso );
	if ( ! date ) {
		return iso;
	}
	const { formats } = getSettings();
	return sprintf(
		/* translators: 1: date, 2: time, 3: time zone, e.g. "UTC" or "CET". */
		__( '%1$s at %2$s %3$s', 'auth-sentinel' ),
		dateI18n( formats.date, date ),
		dateI18n( formats.time, date ),
		zoneOf( date )
	);
}

/**
 * Formats a moment as a date only, in the site's date format.
 *
 * @param iso Timestamp from the REST API.
 * @return For example "November 20, 2026"; the raw text when it is not a date.
 */
export function formatDate( iso: string ): string {
	const date = parseDate( iso );
	return date ? dateI18n( getSettings().formats.date, date ) : iso;
}

/**
 * Formats the time of day of a moment, in the site's time format.
 *
 * @param iso Timestamp from the REST API.
 * @return For example "2:02 pm"; the raw text when it is not a date.
 */
export function formatTime( iso: string ): string {
	const date = parseDate( iso );
	return date ? dateI18n( getSettings().formats.time, date ) : iso;
}

/**
 * Formats a day without the year, for chart axes.
 *
 * @param iso Timestamp from the REST API.
 * @return For example "Nov 26"; the raw text when it is not a date.
 */
export function formatMonthDay( iso: string ): string {
	const date = parseDate( iso );
	return date
		? dateI18n(
				/* translators: Day on a chart axis, see https://www.php.net/manual/datetime.format.php */
				_x( 'M j', 'chart axis day', 'auth-sentinel' ),
				date
			)
		: iso;
}

/**
 * Tells whether two moments fall on the same day of the site's calendar.
 *
 * @param a A date.
 * @param b Another date.
 * @return Whether the day is the same.
 */
export function isSameDay( a: Date, b: Date ): boolean {
	return dateI18n( 'Y-m-d', a ) === dateI18n( 'Y-m-d', b );
}

/**
 * Turns a Unix timestamp (seconds, as in token claims) into ISO 8601.
 *
 * @param seconds Seconds since 1970.
 * @return The ISO timestamp, or null when it is not a usable number.
 */
export function isoFromUnix( seconds: number | null ): string | null {
	if ( seconds === null || ! Number.isFinite( seconds ) ) {
		return null;
	}
	const date = new Date( seconds * 1000 );
	return Number.isNaN( date.getTime() ) ? null : date.toISOString();
}
