/**
 * The purpose codes a user may declare (SPEC §5), with what each means. IMMIGRATION_ENFORCEMENT
 * is not offered: the gateway refuses it whoever asks [P15].
 */
export const PURPOSE_CODES: readonly { code: string; meaning: string }[] = [
  { code: 'CRIMINAL_INVESTIGATION', meaning: 'An open criminal case or incident you are working on.' },
  { code: 'EMERGENCY_RESPONSE', meaning: 'An emergency in progress: a 911 job, a missing person, a threat to life.' },
  { code: 'CIVIL_LITIGATION', meaning: 'A lawsuit the department is party to (Legal Bureau, detectives assisting).' },
  { code: 'DISCIPLINARY', meaning: 'A disciplinary proceeding against a member of the service.' },
  { code: 'PROSECUTION', meaning: 'Assisting the prosecutor with jurisdiction over a criminal case.' },
  { code: 'FOIL', meaning: 'Answering a Freedom of Information Law request (Legal Bureau).' },
  { code: 'AUDIT', meaning: 'Oversight of how the systems are used: supervisors, ICOs, IAB, the Privacy Officer.' },
  { code: 'POLITICAL_ACTIVITY', meaning: 'Intelligence Division only, under a Handschu investigation authorization [P6].' },
  { code: 'FACIAL_RECOGNITION_PROBE', meaning: 'A still image used as a probe for facial recognition; every such use is flagged [P4].' },
];
