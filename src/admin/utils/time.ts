/**
 * Date helpers: parsing the REST timestamps, and saying how long ago they
 * were ("2 hours ago") or when exactly ("Nov 26, 2026, 1:02 AM UTC").
 */
import { __, _n, sprintf } from '@wordpress/i18n';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

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
 * Says how long ago (or how far ahead) a moment is, relative to `now`.
 *
 * @param iso Timestamp from the REST API.
 * @param now The current time.
 * @return For example "just now", "5 minutes ago", "2 hours ago", "in 3 days";
 *         the raw text when it is not a date.
 */
export function formatRelativeTime( iso: string, now: Date ): string {
	const date = parseDate( iso );
	if ( ! date ) {
		return iso;
	}
	const seconds = Math.round( ( now.getTime() - date.getTime() ) / 1000 );
	const elapsed = Math.abs( seconds );
	if ( elapsed < MINUTE ) {
		return __( 'just now', 'auth-sentinel' );
	}
	return seconds > 0 ? formatPast( elapsed ) : formatFuture( elapsed );
}

/**
 * Formats a duration in the past.
 *
 * @param elapsed Seconds, at least one minute.
 * @return For example "2 hours ago".
 */
function formatPast( elapsed: number ): string {
	if ( elapsed < HOUR ) {
		const n = Math.floor( elapsed / MINUTE );
		return sprintf(
			/* translators: %d: number of minutes. */
			_n( '%d minute ago', '%d minutes ago', n, 'auth-sentinel' ),
			n
		);
	}
	if ( elapsed < DAY ) {
		const n = Math.floor( elapsed / HOUR );
		return sprintf(
			/* translators: %d: number of hours. */
			_n( '%d hour ago', '%d hours ago', n, 'auth-sentinel' ),
			n
		);
	}
	if ( elapsed < MONTH ) {
		const n = Math.floor( elapsed / DAY );
		return sprintf(
			/* translators: %d: number of days. */
			_n( '%d day ago', '%d days ago', n, 'auth-sentinel' ),
			n
		);
	}
	if ( elapsed < YEAR ) {
		const n = Math.floor( elapsed / MONTH );
		return sprintf(
			/* translators: %d: number of months. */
			_n( '%d month ago', '%d months ago', n, 'auth-sentinel' ),
			n
		);
	}
	const n = Math.floor( elapsed / YEAR );
	return sprintf(
		/* translators: %d: number of years. */
		_n( '%d year ago', '%d years ago', n, 'auth-sentinel' ),
		n
	);
}

/**
 * Formats a duration in the future (a server clock ahead of this one).
 *
 * @param elapsed Seconds, at least one minute.
 * @return For example "in 5 minutes".
 */
function formatFuture( elapsed: number ): string {
	if ( elapsed < HOUR ) {
		const n = Math.floor( elapsed / MINUTE );
		return sprintf(
			/* translators: %d: number of minutes. */
			_n( 'in %d minute', 'in %d minutes', n, 'auth-sentinel' ),
			n
		);
	}
	if ( elapsed < DAY ) {
		const n = Math.floor( elapsed / HOUR );
		return sprintf(
			/* translators: %d: number of hours. */
			_n( 'in %d hour', 'in %d hours', n, 'auth-sentinel' ),
			n
		);
	}
	const n = Math.floor( elapsed / DAY );
	/* translators: %d: number of days. */
	return sprintf( _n( 'in %d day', 'in %d days', n, 'auth-sentinel' ), n );
}

/** Options for formatDateTime; both default to the browser's. */
export interface DateTimeOptions {
	locale?: string;
	timeZone?: string;
}

/**
 * Formats a moment as date and time with the time zone named.
 *
 * @param iso     Timestamp from the REST API.
 * @param options Locale and time zone.
 * @return For example "Nov 26, 2026, 1:02 AM UTC"; the raw text when it is
 *         not a date.
 */
export function formatDateTime(
	iso: string,
	options: DateTimeOptions = {}
): string {
	const date = parseDate( iso );
	if ( ! date ) {
		return iso;
	}
	return new Intl.DateTimeFormat( options.locale ?? pageLocale(), {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		hour: 'numeric',
		minute: '2-digit',
		timeZoneName: 'short',
		timeZone: options.timeZone,
	} ).format( date );
}

/**
 * Formats a moment as a date only.
 *
 * @param iso     Timestamp from the REST API.
 * @param options Locale and time zone.
 * @return For example "Nov 20, 2026"; the raw text when it is not a date.
 */
export function formatDate(
	iso: string,
	options: DateTimeOptions = {}
): string {
	const date = parseDate( iso );
	if ( ! date ) {
		return iso;
	}
	return new Intl.DateTimeFormat( options.locale ?? pageLocale(), {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		timeZone: options.timeZone,
	} ).format( date );
}

/**
 * Returns the admin's language as WordPress declares it on <html lang>.
 *
 * @return A BCP 47 tag, or undefined for the browser default.
 */
function pageLocale(): string | undefined {
	const lang =
		typeof document !== 'undefined' ? document.documentElement.lang : '';
	if ( ! lang ) {
		return undefined;
	}
	try {
		return Intl.DateTimeFormat.supportedLocalesOf( lang )[ 0 ];
	} catch {
		return undefined;
	}
}

/**
 * Formats the time of day of a moment.
 *
 * @param iso     Timestamp from the REST API.
 * @param options Locale and time zone.
 * @return For example "2:02 PM" or "14:02"; the raw text when it is not a
 *         date.
 */
export function formatTime(
	iso: string,
	options: DateTimeOptions = {}
): string {
	const date = parseDate( iso );
	if ( ! date ) {
		return iso;
	}
	return new Intl.DateTimeFormat( options.locale ?? pageLocale(), {
		hour: 'numeric',
		minute: '2-digit',
		timeZone: options.timeZone,
	} ).format( date );
}

/**
 * Formats a day without the year, for chart axes.
 *
 * @param iso     Timestamp from the REST API.
 * @param options Locale and time zone.
 * @return For example "Nov 26"; the raw text when it is not a date.
 */
export function formatMonthDay(
	iso: string,
	options: DateTimeOptions = {}
): string {
	const date = parseDate( iso );
	if ( ! date ) {
		return iso;
	}
	return new Intl.DateTimeFormat( options.locale ?? pageLocale(), {
		month: 'short',
		day: 'numeric',
		timeZone: options.timeZone,
	} ).format( date );
}

/**
 * Tells whether two moments fall on the same calendar day.
 *
 * @param a        A date.
 * @param b        Another date.
 * @param timeZone Time zone of the calendar; the browser's by default.
 * @return Whether the day is the same.
 */
export function isSameDay( a: Date, b: Date, timeZone?: string ): boolean {
	const day = new Intl.DateTimeFormat( 'en-CA', {
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		timeZone,
	} );
	return day.format( a ) === day.format( b );
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
