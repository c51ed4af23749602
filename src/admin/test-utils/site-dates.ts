/**
 * The date settings WordPress gives wp-date on every admin page
 * (wp_default_packages_inline_scripts), as a fresh English site has them,
 * with the site's formats and time zone to choose.
 */
import { setSettings } from '@wordpress/date';
// The moment that @wordpress/date formats with (its dependency, not ours).
// eslint-disable-next-line import/no-extraneous-dependencies
import moment from 'moment';

interface SiteDates {
	/** Settings → General → Date Format. */
	date?: string;
	/** Settings → General → Time Format. */
	time?: string;
	/** A city's zone (e.g. "Europe/Berlin"), or '' for a UTC offset. */
	zone?: string;
	/** Hours from UTC, when `zone` is ''. */
	offset?: number;
}

/**
 * Sets the site's date settings, as the page WordPress prints would.
 *
 * @param site        Formats and time zone; a fresh site's by default.
 * @param site.date   Date format.
 * @param site.time   Time format.
 * @param site.zone   Time zone name, or ''.
 * @param site.offset UTC offset in hours when no zone is named.
 */
export function setSiteDates( {
	date = 'F j, Y',
	time = 'g:i a',
	zone = '',
	offset = 0,
}: SiteDates = {} ): void {
	setSettings( {
		l10n: {
			locale: 'en_US',
			months: [
				'January',
				'February',
				'March',
				'April',
				'May',
				'June',
				'July',
				'August',
				'September',
				'October',
				'November',
				'December',
			],
			monthsShort: [
				'Jan',
				'Feb',
				'Mar',
				'Apr',
				'May',
				'Jun',
				'Jul',
				'Aug',
				'Sep',
				'Oct',
				'Nov',
				'Dec',
			],
			weekdays: [
				'Sunday',
				'Monday',
				'Tuesday',
				'Wednesday',
				'Thursday',
				'Friday',
				'Saturday',
			],
			weekdaysShort: [ 'Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat' ],
			meridiem: { am: 'am', pm: 'pm', AM: 'AM', PM: 'PM' },
			relative: {
				future: '%s from now',
				past: '%s ago',
				s: 'a second',
				ss: '%d seconds',
				m: 'a minute',
				mm: '%d minutes',
				h: 'an hour',
				hh: '%d hours',
				d: 'a day',
				dd: '%d days',
				M: 'a month',
				MM: '%d months',
				y: 'a year',
				yy: '%d years',
			},
			startOfWeek: 1,
		},
		formats: {
			time,
			date,
			datetime: 'F j, Y g:i a',
			datetimeAbbreviated: 'M j, Y g:i a',
		},
		timezone: {
			offset,
			offsetFormatted: String( offset ),
			string: zone,
			abbr: '',
		},
	} );
	// WordPress makes the user's locale moment's own (its inline script for
	// "moment"), so relative times use the words above.
	moment.locale( 'en_US' );
}
