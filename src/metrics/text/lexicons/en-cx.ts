/**
 * CXM's English additions to VADER (MIT licence, ours): customer-service,
 * delivery, billing and product vocabulary that VADER rates neutrally or not
 * at all, and a few overrides where VADER's general-purpose rating misreads a
 * customer comment. Same format and scale as es-core.ts; `0` removes a word.
 */
export const EN_CX: Record<string, string> = {
  "-3": `rip-off ripoff rip_off scam scammed scammers piece_of_junk waste_of_time never_again thanks_for_nothing nightmare`,
  "-2.5": `overcharged overcharge overcharging unacceptable condescending hung_up hang_up hangs_up lousy defective damaged broke broken shattered smashed leaves_a_lot_to_be_desired fed_up worst unreliable unprofessional unhelpful incompetent incompetents misled`,
  "-2": `unable incapable don't_like didn't_like dont_like didnt_like doesn't_like delayed delay delays late lateness dented torn scratched stained missing wrong overpriced extra_charge extra_charges hidden_fees double_charged double_charge double_charges jumbled shrank shrunk faded crash crashes crashed crashing glitch glitches bugs buggy disconnected dropped took_forever took_ages cut_off not_fixed still_waiting no_answer no_reply runaround penalty let_down cheap-looking flimsy`,
  "-1.5": `slow waiting waited wait hold on_hold charged lock-in expensive pricey costly refund_delay excuse excuses heavy noise noisy complicated confusing confused hassle hassles forever ages`,
  "-1": `mediocre average_at_best meh`,
  "1": `solution reliability refunded refunds reimbursed reimburse reimbursement credited refund works working worked functional packed protected cheap affordable reasonable fair transparent tracked intuitive light`,
  "1.5": `fast quick quickly speedy prompt promptly punctual on_time as_promised as_described right_away resolved resolve resolves solved solve fixed fix sorted sorted_out sorts_out efficient reliable polite professional patient patience attentive responsive responded answered helped easy smooth flawless seamless comfortable sturdy`,
  "2": `able capable i_like i_really_like really_like like_it liked_it like_how helpful friendly kind in_no_time no_questions_asked well_done keep_it_up worth_it thrilled delighted exceeded impressive impressed top_quality a_star unbeatable`,
  "2.5": `works_like_a_charm 10/10 five_stars`,
  "0": `support treat treated treats improve promise promises promised number fee fees charge charges pay cheap-ish hope hoping want wanted gift like please yes ok okay`,
};
