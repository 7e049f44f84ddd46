/**
 * New York Penal Law (and a few VTL) sections used for synthetic charges, with their offense
 * class as the statute sets it. Weights approximate how often each appears in complaints.
 */
export type LawCategory = 'FELONY' | 'MISDEMEANOR' | 'VIOLATION';
export type OffenseClass =
  | 'A_FELONY' | 'B_FELONY' | 'C_FELONY' | 'D_FELONY' | 'E_FELONY'
  | 'A_MISDEMEANOR' | 'B_MISDEMEANOR' | 'UNCLASSIFIED_MISDEMEANOR' | 'VIOLATION';

export interface Charge {
  lawCode: string;
  description: string;
  category: LawCategory;
  offenseClass: OffenseClass;
  weight: number;
}

const c = (lawCode: string, description: string, offenseClass: OffenseClass, weight: number): Charge => ({
  lawCode,
  description,
  offenseClass,
  category: offenseClass.endsWith('FELONY') ? 'FELONY' : offenseClass === 'VIOLATION' ? 'VIOLATION' : 'MISDEMEANOR',
  weight,
});

export const CHARGES: readonly Charge[] = [
  c('PL 125.25', 'MURDER 2ND DEGREE', 'A_FELONY', 1),
  c('PL 120.10', 'ASSAULT 1ST DEGREE', 'B_FELONY', 2),
  c('PL 120.05', 'ASSAULT 2ND DEGREE', 'D_FELONY', 12),
  c('PL 120.00', 'ASSAULT 3RD DEGREE', 'A_MISDEMEANOR', 40),
  c('PL 160.15', 'ROBBERY 1ST DEGREE', 'B_FELONY', 4),
  c('PL 160.10', 'ROBBERY 2ND DEGREE', 'C_FELONY', 6),
  c('PL 160.05', 'ROBBERY 3RD DEGREE', 'D_FELONY', 5),
  c('PL 140.30', 'BURGLARY 1ST DEGREE', 'B_FELONY', 1),
  c('PL 140.25', 'BURGLARY 2ND DEGREE', 'C_FELONY', 5),
  c('PL 140.20', 'BURGLARY 3RD DEGREE', 'D_FELONY', 6),
  c('PL 155.35', 'GRAND LARCENY 3RD DEGREE', 'D_FELONY', 4),
  c('PL 155.30', 'GRAND LARCENY 4TH DEGREE', 'E_FELONY', 25),
  c('PL 155.25', 'PETIT LARCENY', 'A_MISDEMEANOR', 60),
  c('PL 165.40', 'CRIMINAL POSSESSION STOLEN PROPERTY 5TH DEGREE', 'A_MISDEMEANOR', 5),
  c('PL 165.45', 'CRIMINAL POSSESSION STOLEN PROPERTY 4TH DEGREE', 'E_FELONY', 3),
  c('PL 165.05', 'UNAUTHORIZED USE OF A VEHICLE 3RD DEGREE', 'A_MISDEMEANOR', 3),
  c('PL 145.00', 'CRIMINAL MISCHIEF 4TH DEGREE', 'A_MISDEMEANOR', 20),
  c('PL 145.05', 'CRIMINAL MISCHIEF 3RD DEGREE', 'E_FELONY', 5),
  c('PL 265.01', 'CRIMINAL POSSESSION OF A WEAPON 4TH DEGREE', 'A_MISDEMEANOR', 6),
  c('PL 265.03', 'CRIMINAL POSSESSION OF A WEAPON 2ND DEGREE', 'C_FELONY', 4),
  c('PL 220.03', 'CRIMINAL POSSESSION OF A CONTROLLED SUBSTANCE 7TH DEGREE', 'A_MISDEMEANOR', 10),
  c('PL 220.16', 'CRIMINAL POSSESSION OF A CONTROLLED SUBSTANCE 3RD DEGREE', 'B_FELONY', 3),
  c('PL 220.39', 'CRIMINAL SALE OF A CONTROLLED SUBSTANCE 3RD DEGREE', 'B_FELONY', 2),
  c('PL 215.50', 'CRIMINAL CONTEMPT 2ND DEGREE', 'A_MISDEMEANOR', 8),
  c('PL 215.51', 'CRIMINAL CONTEMPT 1ST DEGREE', 'E_FELONY', 4),
  c('PL 240.26', 'HARASSMENT 2ND DEGREE', 'VIOLATION', 30),
  c('PL 240.20', 'DISORDERLY CONDUCT', 'VIOLATION', 6),
  c('PL 240.30', 'AGGRAVATED HARASSMENT 2ND DEGREE', 'A_MISDEMEANOR', 8),
  c('PL 120.14', 'MENACING 2ND DEGREE', 'A_MISDEMEANOR', 5),
  c('PL 130.52', 'FORCIBLE TOUCHING', 'A_MISDEMEANOR', 2),
  c('PL 170.25', 'CRIMINAL POSSESSION OF A FORGED INSTRUMENT 2ND DEGREE', 'D_FELONY', 2),
  c('PL 190.78', 'IDENTITY THEFT 3RD DEGREE', 'A_MISDEMEANOR', 3),
  c('PL 165.15', 'THEFT OF SERVICES', 'A_MISDEMEANOR', 6),
  c('PL 140.10', 'CRIMINAL TRESPASS 3RD DEGREE', 'B_MISDEMEANOR', 5),
  c('PL 205.30', 'RESISTING ARREST', 'A_MISDEMEANOR', 3),
  c('VTL 1192.3', 'DRIVING WHILE INTOXICATED', 'UNCLASSIFIED_MISDEMEANOR', 4),
  c('VTL 511.1', 'AGGRAVATED UNLICENSED OPERATION 3RD DEGREE', 'UNCLASSIFIED_MISDEMEANOR', 3),
];

export const CHARGE_WEIGHTS = CHARGES.map((charge) => [charge, charge.weight] as const);

export function chargeByCode(lawCode: string): Charge | undefined {
  return CHARGES.find((charge) => charge.lawCode === lawCode);
}
