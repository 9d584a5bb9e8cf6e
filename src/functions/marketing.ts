/** Marketing functions: conversion rate, AOV, revenue per visitor, CPA, ROAS. */
import { averageOrderValue, conversionRate, costPerAcquisition, revenuePerVisitor, roas as roasOf } from "../metrics/marketing";
import { requiredNumber } from "./support/args";
import { excelResult } from "./support/excel-errors";

/**
 * Conversion rate: conversions divided by visitors (or sessions).
 * @customfunction CONVERSION
 * @param conversions Visitors who converted (bought, signed up).
 * @param visitors All visitors or sessions.
 * @returns Conversion rate as a fraction (format as %).
 */
export function conversion(conversions: any, visitors: any): number {
  return excelResult(() => conversionRate(requiredNumber(conversions, "conversions"), requiredNumber(visitors, "visitors")));
}

/**
 * Average order value: revenue divided by orders.
 * @customfunction AOV
 * @param revenue Revenue from the orders.
 * @param orders Number of orders.
 * @returns Revenue per order.
 */
export function aov(revenue: any, orders: any): number {
  return excelResult(() => averageOrderValue(requiredNumber(revenue, "revenue"), requiredNumber(orders, "orders")));
}

/**
 * Revenue per visitor: revenue divided by visitors.
 * @customfunction RPV
 * @param revenue Revenue in the period.
 * @param visitors Visitors in the period.
 * @returns Revenue per visitor.
 */
export function rpv(revenue: any, visitors: any): number {
  return excelResult(() => revenuePerVisitor(requiredNumber(revenue, "revenue"), requiredNumber(visitors, "visitors")));
}

/**
 * Cost per acquisition: campaign cost divided by acquisitions.
 * @customfunction CPA
 * @param cost Campaign or channel cost.
 * @param acquisitions Customers or sign-ups acquired.
 * @returns Cost per acquisition.
 */
export function cpa(cost: any, acquisitions: any): number {
  return excelResult(() => costPerAcquisition(requiredNumber(cost, "cost"), requiredNumber(acquisitions, "acquisitions")));
}

/**
 * Return on ad spend: revenue from ads divided by ad spend (4 means 4:1).
 * @customfunction ROAS
 * @param revenue Revenue attributed to the ads.
 * @param ad_spend Spend on the ads.
 * @returns ROAS as a multiple.
 */
export function roas(revenue: any, ad_spend: any): number {
  return excelResult(() => roasOf(requiredNumber(revenue, "revenue"), requiredNumber(ad_spend, "ad_spend")));
}
