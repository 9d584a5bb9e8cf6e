/**
 * The two cohorts of Fader & Hardie (2007), "How to Project Customer
 * Retention", Journal of Interactive Marketing 21(1), 76–90: 1,000 customers
 * each of a "regular" and a "high end" subscription plan, and how many were
 * still active after 0–12 years (the paper's Figure 1 and its percentage
 * table, data from Berry & Linoff 2004, Data Mining Techniques). The paper
 * fits years 0–7 and projects years 8–12; its estimates (§5, and the
 * spreadsheet of its appendix) are regular α = 0.704, β = 1.182 and high end
 * α = 0.668, β = 3.806.
 */
export const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
export const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394];

export const PUBLISHED = {
  regular: { alpha: 0.704, beta: 1.182 },
  highEnd: { alpha: 0.668, beta: 3.806 },
};

/** Years 0–7: what the paper fits. */
export const calibration = (s: number[]) => s.slice(0, 8);
