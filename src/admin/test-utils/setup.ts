/**
 * What WordPress prints into every page of the plugin before its script,
 * set up for each Jest spec: the vocabularies of the page configuration
 * (written by tests/php/VocabularyTest.php from the PHP classes) and the date
 * settings of a fresh English site in UTC.
 */
import { setSiteDates } from './site-dates';
import fixture from './vocabularies.json';

window.authSentinel = { vocabularies: fixture.vocabularies };
setSiteDates();
