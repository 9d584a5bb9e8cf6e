/**
 * Fixed expressions of customer comments whose polarity is not the sum of
 * their words (CXM's, MIT). Words joined by "_", folded when loaded.
 */
export const ES_PHRASES: Record<string, string> = {
  "0": `nada_especial la_tarde las_tardes esta_tarde por_la_tarde de_la_tarde ni_bien_ni_mal ni_bueno_ni_malo ni_buena_ni_mala`,
  "-3": `una_vergüenza gracias_por_nada pérdida_de_tiempo nunca_más ni_loco ni_loca no_vuelvo tomadura_de_pelo`,
  "-2.5": `deja_mucho_que_desear dejan_mucho_que_desear no_vale_lo_que_cuesta no_lo_recomiendo no_lo_recomendaría a_peor para_mal no_sirve no_sirven no_sirvió`,
  "-2": `no_ha_llegado todavía_no_ha_llegado aún_no_ha_llegado nunca_recibí nunca_me_llegó subieron_el_precio subida_de_precio sin_avisar sin_previo_aviso no_hace_lo_que en_espera sin_respuesta ni_idea cada_dos_por_tres ni_caso me_colgaron nadie_contesta nadie_responde no_contestan no_responden no_funciona no_enciende no_llegó nunca_llegó que_mejorar`,
  "-1.5": `otra_vez de_nuevo siempre_lo_mismo lo_mismo_de_siempre`,
  "1.5": `justo_lo_que volver_a_comprar volveré_a_comprar volver_a_pedir a_la_primera a_tiempo a_la_hora tal_cual sin_problema sin_problemas bien_embalado llegó_bien`,
  "2": `da_gusto nada_que_objetar nada_que_decir nada_que_mejorar sin_queja sin_quejas para_bien de_fiar vale_la_pena merece_la_pena en_perfecto_estado sin_ningún_problema muy_recomendable un_crack de_diez de_10 cinco_estrellas`,
  "2.5": `superó_mis_expectativas supera_las_expectativas sin_duda_recomendable`,
};

export const EN_PHRASES: Record<string, string> = {
  "0": `neither_good_nor_bad nothing_special`,
  "-3": `thanks_for_nothing waste_of_time piece_of_junk never_again rip_off no_way`,
  "-2.5": `leaves_a_lot_to_be_desired not_worth_it not_worth_the_money don't_recommend wouldn't_recommend would_not_recommend gotten_worse getting_worse`,
  "-2": `hasn't_arrived haven't_arrived never_got never_received raised_the_price raised_prices price_increase without_notice without_warning doesn't_last don't_last doesn't_do_what to_improve on_hold no_answer no_reply hung_up took_forever took_ages in_and_out still_waiting never_came never_arrived doesn't_work won't_turn_on`,
  "1.5": `exactly_what all_correct buy_here_again buy_again order_again be_back on_time right_away as_promised as_described no_problem no_problems no_issues no_hassle`,
  "2": `nothing_to_improve in_no_time no_complaints keep_it_up worth_it well_done a_star top_quality highly_recommend highly_recommended exceeded_my_expectations couldn't_be_happier`,
};
