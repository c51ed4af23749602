/**
 * Shapes of `GET /catalog` and `GET /catalog/{code}`: the error catalog.
 */
import type { FailureCause } from '../events/types';

/** Who a fix in the catalog is for. */
export type FixAudience = 'user' | 'admin';

/** One entry of the error catalog (`GET /catalog/{code}`). */
export interface CatalogEntry {
	code: string;
	title: string;
	/** App-side codes that mean this entry, e.g. "API02003". */
	aliases: string[];
	meaning: string;
	causes: Array< { cause: FailureCause; text: string } >;
	server_codes: Array< { code: string; source: string } >;
	how_to_fix: Array< {
		title: string;
		audience: FixAudience;
		steps: string[];
	} >;
	/** Codes or aliases of related entries. */
	related: string[];
}
