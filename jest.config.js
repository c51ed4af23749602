/**
 * Jest: the @wordpress/scripts unit test configuration, plus the setup every
 * spec shares (src/admin/test-utils/setup.ts): the page configuration's
 * vocabularies and the site's date settings, as WordPress prints them.
 */
const defaultConfig = require( '@wordpress/scripts/config/jest-unit.config.js' );

module.exports = {
	...defaultConfig,
	setupFiles: [ '<rootDir>/src/admin/test-utils/setup.ts' ],
};
