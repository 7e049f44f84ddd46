import immigrationLexiconData from '../../../../policy/intent/immigrationLexicon.json';
import politicalActivityLexiconData from '../../../../policy/intent/politicalActivityLexicon.json';
import { compileLexicon } from '../IntentLexicon';
import { readIntent, type IntentOutcome, type IntentTexts } from '../readIntent';

const immigration = compileLexicon(immigrationLexiconData);
const politicalActivity = compileLexicon(politicalActivityLexiconData);
const justification = (text: string): IntentTexts => ({ purpose: 'CRIMINAL_INVESTIGATION', caseNumber: '2025-075-000123', justification: text });

/**
 * [P15, SPEC §4] the texts are read for intent. Since the issue of the word guard, a single
 * ambiguous word no longer refuses: "detainer" alone (Interstate Agreement on Detainers),
 * "deportation" alone (a victim's account), "ICE" or "ERO" with no cue are allowed and flagged.
 */
describe('readIntent: immigration enforcement', () => {
  it.each<[string, string, IntentOutcome]>([
    // The purpose code, however written: a structural signal.
    ['the purpose code', 'IMMIGRATION_ENFORCEMENT', 'BLOCK'],
    ['the purpose code in lower case', 'immigration_enforcement', 'BLOCK'],
    ['the purpose code with spaces', ' Immigration Enforcement ', 'BLOCK'],
    // An actor or instrument with a cue of assistance.
    ['an ICE detainer to honour', 'Honor ICE detainer for subject', 'BLOCK'],
    ['removal proceedings (an instrument)', 'Subject in removal proceedings', 'BLOCK'],
    ['a request from ICE', 'per ICE request', 'BLOCK'],
    ['ICE with dots and a cue', 'I.C.E. liaison', 'BLOCK'],
    ['form I-247A', 'I-247A received', 'BLOCK'],
    ['form I-247 spaced out', 'i 2 4 7', 'BLOCK'],
    ['form I-200', 'Warrant I-200 attached', 'BLOCK'],
    ['form I-205 in fullwidth', 'Ｉ－２０５', 'BLOCK'],
    ['form I-203 glued', 'I203', 'BLOCK'],
    ['form numbers in the plural', 'Two I-247As on file for the subject', 'BLOCK'],
    ['form I-862 with a digit one for the I', 'Serve the 1-862 on him', 'BLOCK'],
    ['the agency named in full with a cue', 'Immigration and Customs Enforcement request', 'BLOCK'],
    ['"&" for "and"', 'Hand over to Immigration & Customs Enforcement', 'BLOCK'],
    ['DHS custody', 'transfer to DHS custody', 'BLOCK'],
    ['enforcing the law itself', 'enforce immigration law', 'BLOCK'],
    ['assisting a deportation', 'Assist with dеportation of subject', 'BLOCK'],
    ['an immigration hold', 'immigration hold', 'BLOCK'],
    ['a release date for ICE', 'ICE wants to know his release date', 'BLOCK'],
    ['locating for ICE', 'Locate the subject for ICE', 'BLOCK'],
    // Unicode: confusables from the UTS #39 data, invisible and bidi characters.
    ['a Cyrillic capital look-alike', 'Hand over to Іmmigration and Сustoms Еnforcement', 'BLOCK'],
    ['a Cherokee look-alike', 'Transfer to ᎠHS custody', 'BLOCK'],
    ['mathematical bold letters', 'Notify 𝐈𝐂𝐄 of release date', 'BLOCK'],
    ['a Roman numeral one', 'Notify ⅠCE of release date', 'BLOCK'],
    ['a right-to-left override inside the word', 'Notify I\u202eCE of release date', 'BLOCK'],
    ['a zero-width joiner and a soft hyphen', 'Notify I\u200dC\u00adE of release date', 'BLOCK'],
    // Spanish.
    ['handing over, in Spanish', 'Entregar al sujeto a ICE', 'BLOCK'],
    ['notifying immigration of the release date, in Spanish', 'Notificar a inmigración la fecha de liberación', 'BLOCK'],
    ['a deportation order, in Spanish', 'El sujeto tiene una orden de deportación', 'BLOCK'],
    ['la migra', 'Avisar a la migra cuando salga', 'BLOCK'],
    // Flagged: a term without enforcement intent.
    ['deportation with a Cyrillic е', 'Dеportation case', 'FLAG'],
    ['deportation with a zero-width space', 'de\u200bportation', 'FLAG'],
    ['deportation with accents', 'Dépôrtatión', 'FLAG'],
    ['ICE alone', 'ＩＣＥ', 'FLAG'],
    ['ERO with no cue', 'ERO New York field office', 'FLAG'],
    ['a victim threatened with deportation', 'DV victim says abuser threatened her with deportation', 'FLAG'],
    ['a threat to call ICE (extortion)', 'Victim says her ex threatened to call ICE if she reported him', 'FLAG'],
    ['an ICE impersonator', 'Man impersonating ICE agent robbed delivery worker', 'FLAG'],
    ['a denial', 'Not an immigration matter; robbery of bodega', 'FLAG'],
    ['a denial of the aim', 'This request is not for immigration enforcement', 'FLAG'],
    // Negations and mitigating words explain only the term they stand by.
    ['a negation of something else', 'Do not delay notifying ICE of the release', 'BLOCK'],
    ['a threat after the request', 'Notify ICE of the threat he poses', 'BLOCK'],
    ['a fear after the request', 'Call ICE because the neighbours are afraid of him', 'BLOCK'],
    // The verb far from its actor, the request in the next clause.
    ['a verb of giving, then "to" the actor', 'Report the subject to ICE', 'BLOCK'],
    ['the same in Spanish', 'Reportar al sujeto a inmigración', 'BLOCK'],
    ['the request in the clause after', "Subject's ICE file: need current employer", 'BLOCK'],
    ['"to" a party that is no actor', 'Report the burglary to the building management', 'ALLOW'],
    ['"due to ice"', 'Due to ice the driver lost control; report to the insurance carrier', 'ALLOW'],
    ['an actor inside a longer term', "Victim's immigration lawyer asked for a copy of the police report", 'FLAG'],
    ['an instrument explained in the clause after', "Victim's brother is in immigration detention; she reports threats from his cellmate's family", 'FLAG'],
    // Allowed: ordinary police work that once met a word.
    ['"inside Port"', 'Phone stolen inside Port Authority Bus Terminal', 'ALLOW'],
    ['black ice', 'Collision caused by black ice', 'ALLOW'],
    ['an ice pick', 'Assault with an ice pick', 'ALLOW'],
    ['removal of property', 'Theft: removal of catalytic converters', 'ALLOW'],
    ['removal of graffiti', 'Removal of graffiti', 'ALLOW'],
    ['the Interstate Agreement on Detainers', 'Interstate Agreement on Detainers request from NJ prosecutor', 'ALLOW'],
    ['an apartment numbered like a form', 'Burglary at apartment I-205', 'ALLOW'],
    ['an interstate numbered like a form', 'Burglary on I-205 near exit 12', 'ALLOW'],
    ['a detainer spaced out (no immigration term)', 'd E t A i N e R', 'ALLOW'],
    ['ice, the drug', 'Sold two bags of ice to undercover', 'ALLOW'],
    ['Robbery pattern', 'Robbery pattern on Pitkin Avenue, 75 precinct', 'ALLOW'],
    ['a complaint number', 'Grand larceny of an iPhone, complaint 2025-075-000123', 'ALLOW'],
    ['I-95', 'Collision on I-95 ramp', 'ALLOW'],
    ['"justice office"', 'Police justice office request', 'ALLOW'],
    ['200 dollars', 'Paid the taxi 200 dollars', 'ALLOW'],
  ])('%s', (_name, text, outcome) => {
    expect(readIntent(immigration, justification(text)).outcome).toBe(outcome);
  });

  it.each<[string, IntentTexts, IntentOutcome]>([
    ['a word split across case number and justification', { caseNumber: 'I-2', justification: '47 on file for the subject' }, 'BLOCK'],
    ['an agency prefix glued to the digits of the case number', { caseNumber: 'ICE2025-0413', justification: 'Locate the subject for the case' }, 'BLOCK'],
    ['a form in the case number', { caseNumber: 'I-247A-2025-1', justification: 'Locate the subject for the case' }, 'BLOCK'],
    ['a look-alike in the purpose code', { purpose: 'IMMIGRATION_ЕNFORCEMENT', justification: 'Locate the subject' }, 'BLOCK'],
    ['an ordinary case number', { caseNumber: '2025-075-000123', justification: 'Locate the subject for the robbery case' }, 'ALLOW'],
  ])('reads the texts together: %s', (_name, texts, outcome) => {
    expect(readIntent(immigration, texts).outcome).toBe(outcome);
  });
});

/** [P6] Handschu: monitoring lawful protest under another purpose is refused; a mention is flagged. */
describe('readIntent: political activity', () => {
  it.each<[string, string, IntentOutcome]>([
    ['monitoring protest organizers', "monitor the organizers of Saturday's protest", 'BLOCK'],
    ['a list of activists', 'Compile a list of activists who attended the rally', 'BLOCK'],
    ['monitoring, in Spanish', 'Vigilar a los activistas de la protesta', 'BLOCK'],
    ['a crime at a protest', 'Identify the man who assaulted an officer at the protest', 'FLAG'],
    ['a protest mentioned', 'Noise complaint near the rally on Fifth Avenue', 'FLAG'],
    ['no political term', 'Monitor the suspect vehicle for the burglary pattern', 'ALLOW'],
    ['the month of March', 'Robbery on March 3 at the bodega', 'ALLOW'],
  ])('%s', (_name, text, outcome) => {
    expect(readIntent(politicalActivity, justification(text)).outcome).toBe(outcome);
  });
});
