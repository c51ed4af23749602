/**
 * The state of a table screen kept in the page address, declared once per
 * screen as a list of parameters: how each is read from and written to the
 * address, where the DataViews view keeps it, and whether it narrows the
 * list (the parameters are built with url-params.ts). From that one
 * declaration come reading an address, building one, and mapping the state
 * to the view and back (see use-url-view.ts).
 */
import type { View } from '@wordpress/dataviews';
import { addQueryArgs, getQueryArgs, removeQueryArgs } from '@wordpress/url';

/** Query arguments by name: the trimmed, non-empty ones of an address. */
export type QueryArgs = Partial< Record< string, string > >;

/** One parameter of a screen's state. */
export interface StateParam< T > {
	/** The value when the address says nothing, or nothing valid. */
	initial: T;
	/** The query arguments it owns. */
	args: readonly string[];
	/** Reads it from the address. */
	read: ( args: QueryArgs ) => T;
	/** Writes it to the address; the initial value writes nothing. */
	write: ( value: T ) => QueryArgs;
	/** Puts it into a view. */
	toView: ( value: T, view: View ) => View;
	/**
	 * Reads it from a view. `previous` is the value before the change and
	 * `state` what the parameters declared earlier read from the same view.
	 */
	fromView: (
		view: View,
		previous: T,
		state: Readonly< Record< string, unknown > >
	) => T;
	/** Whether a value other than the initial one narrows the list. */
	narrows: boolean;
}

/** A screen's state as its parameters declare it. */
export type StateOf< P extends Record< string, StateParam< any > > > = {
	[ K in keyof P ]: P[ K ] extends StateParam< infer T > ? T : never;
};

/** What a screen gets from its declaration. */
export interface UrlState< S > {
	/** The state of an address without arguments. */
	initial: S;
	/** Reads the state from an address; what is invalid takes its default. */
	read: ( href: string ) => S;
	/** Builds the address showing a state (or part of it), keeping the others. */
	href: ( baseHref: string, state: Partial< S > ) => string;
	/** Applies a state to a view (the default one when no base is given). */
	toView: ( state: S, base?: View ) => View;
	/** Reads the state from a view; `previous` holds what the view lacks. */
	fromView: ( view: View, previous?: S ) => S;
	/** Tells whether a filter or search narrows the list. */
	hasFilters: ( state: S ) => boolean;
}

/**
 * Builds a screen's URL state from its parameters.
 *
 * @param params      The parameters, in the order the address writes them.
 * @param defaultView The view before the address changes it.
 * @return Reading, writing and view mapping of the state.
 */
export function defineUrlState<
	P extends Record< string, StateParam< any > > & {
		page: StateParam< number >;
	},
>( params: P, defaultView: View ): UrlState< StateOf< P > > {
	type S = StateOf< P >;
	const entries = Object.entries( params ) as Array<
		[ keyof S & string, StateParam< unknown > ]
	>;
	const names = entries.flatMap( ( [ , param ] ) => param.args );
	const build = ( value: ( param: StateParam< unknown > ) => unknown ) =>
		Object.fromEntries(
			entries.map( ( [ key, param ] ) => [ key, value( param ) ] )
		) as S;
	const initial = build( ( param ) => param.initial );

	return {
		initial,
		read( href ) {
			const raw = getQueryArgs( href ) as Record< string, unknown >;
			const args: QueryArgs = {};
			for ( const name of names ) {
				const value = raw[ name ];
				if ( typeof value === 'string' && value.trim() !== '' ) {
					args[ name ] = value.trim();
				}
			}
			return build( ( param ) => param.read( args ) );
		},
		href( baseHref, state ) {
			const full = { ...initial, ...state };
			const args: QueryArgs = {};
			for ( const [ key, param ] of entries ) {
				Object.assign( args, param.write( full[ key ] ) );
			}
			const clean = removeQueryArgs( baseHref, ...names );
			return Object.keys( args ).length > 0
				? addQueryArgs( clean, args )
				: clean;
		},
		toView( state, base = defaultView ) {
			let view: View = { ...base, filters: [] };
			for ( const [ key, param ] of entries ) {
				view = param.toView( state[ key ], view );
			}
			return view;
		},
		fromView( view, previous = initial ) {
			const state: Record< string, unknown > = {};
			for ( const [ key, param ] of entries ) {
				state[ key ] = param.fromView( view, previous[ key ], state );
			}
			return state as S;
		},
		hasFilters( state ) {
			return entries.some(
				( [ key, param ] ) =>
					param.narrows &&
					Object.keys( param.write( state[ key ] ) ).length > 0
			);
		},
	};
}
