/**
 * The current time, refreshed every minute so "5 minutes ago" stays true.
 */
import { useEffect, useState } from '@wordpress/element';

const REFRESH_MS = 60 * 1000;

/**
 * Returns the current time and re-renders once a minute.
 *
 * @return The current time.
 */
export function useNow(): Date {
	const [ now, setNow ] = useState( () => new Date( Date.now() ) );
	useEffect( () => {
		const timer = window.setInterval(
			() => setNow( new Date( Date.now() ) ),
			REFRESH_MS
		);
		return () => window.clearInterval( timer );
	}, [] );
	return now;
}
