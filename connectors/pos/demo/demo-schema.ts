/**
 * The demo POS: a small, plain schema shaped like many real tills. Items carry their price
 * levels as columns (PRICE1 retail, PRICE2 promotion with dates, PRICE3 trade), a WEB flag and
 * a change time; stock is kept per location in its own table, touched on every sale. The same
 * tables exist on SQLite (the embedded demo, no server) and on Firebird, so one profile reads
 * both. SQLite keeps money as TEXT and times as "YYYY-MM-DD HH:MM:SS.mmm" text. The sales
 * tables (customers, invoices, lines: demo-sales-schema.ts) come last.
 */
import { DEMO_SALES_SCHEMA_FIREBIRD, DEMO_SALES_SCHEMA_SQLITE } from './demo-sales-schema';

export const DEMO_SCHEMA_FIREBIRD: readonly string[] = [
  `CREATE TABLE LOCATIONS (
    CODE VARCHAR(10) NOT NULL PRIMARY KEY,
    NAME VARCHAR(60) NOT NULL)`,
  `CREATE TABLE ITEMS (
    ID INTEGER NOT NULL PRIMARY KEY,
    SKU VARCHAR(60),
    NAME VARCHAR(200),
    DESCRIPTION VARCHAR(2000),
    CATEGORY VARCHAR(60),
    WEIGHT NUMERIC(9,3),
    BARCODE VARCHAR(20),
    PRICE1 NUMERIC(15,2),
    PRICE2 NUMERIC(15,2),
    PROMO_FROM DATE,
    PROMO_TO DATE,
    PRICE3 NUMERIC(15,2),
    WEB SMALLINT DEFAULT 0 NOT NULL,
    PARENT_ID INTEGER,
    SIZE_NAME VARCHAR(20),
    COLOUR_NAME VARCHAR(30),
    CHANGED_AT TIMESTAMP NOT NULL)`,
  'CREATE INDEX ITEMS_CHANGED_AT ON ITEMS (CHANGED_AT)',
  // Firebird answers MAX() from a descending index only: this keeps the change marker cheap.
  'CREATE DESCENDING INDEX ITEMS_CHANGED_AT_DESC ON ITEMS (CHANGED_AT)',
  'CREATE INDEX ITEMS_PARENT ON ITEMS (PARENT_ID)',
  `CREATE TABLE STOCK (
    ITEM_ID INTEGER NOT NULL,
    LOCATION VARCHAR(10) NOT NULL,
    QTY INTEGER NOT NULL,
    CHANGED_AT TIMESTAMP NOT NULL,
    PRIMARY KEY (ITEM_ID, LOCATION))`,
  'CREATE INDEX STOCK_CHANGED_AT ON STOCK (CHANGED_AT)',
  'CREATE DESCENDING INDEX STOCK_CHANGED_AT_DESC ON STOCK (CHANGED_AT)',
  ...DEMO_SALES_SCHEMA_FIREBIRD,
];

export const DEMO_SCHEMA_SQLITE: readonly string[] = [
  `CREATE TABLE LOCATIONS (
    CODE TEXT NOT NULL PRIMARY KEY,
    NAME TEXT NOT NULL)`,
  `CREATE TABLE ITEMS (
    ID INTEGER NOT NULL PRIMARY KEY,
    SKU TEXT,
    NAME TEXT,
    DESCRIPTION TEXT,
    CATEGORY TEXT,
    WEIGHT TEXT,
    BARCODE TEXT,
    PRICE1 TEXT,
    PRICE2 TEXT,
    PROMO_FROM TEXT,
    PROMO_TO TEXT,
    PRICE3 TEXT,
    WEB INTEGER DEFAULT 0 NOT NULL,
    PARENT_ID INTEGER,
    SIZE_NAME TEXT,
    COLOUR_NAME TEXT,
    CHANGED_AT TEXT NOT NULL)`,
  'CREATE INDEX ITEMS_CHANGED_AT ON ITEMS (CHANGED_AT)',
  'CREATE INDEX ITEMS_PARENT ON ITEMS (PARENT_ID)',
  `CREATE TABLE STOCK (
    ITEM_ID INTEGER NOT NULL,
    LOCATION TEXT NOT NULL,
    QTY INTEGER NOT NULL,
    CHANGED_AT TEXT NOT NULL,
    PRIMARY KEY (ITEM_ID, LOCATION))`,
  'CREATE INDEX STOCK_CHANGED_AT ON STOCK (CHANGED_AT)',
  ...DEMO_SALES_SCHEMA_SQLITE,
];

/** The demo's stock locations: the profile counts MAIN and BACK; REPAIR (returns) is not for sale. */
export const DEMO_LOCATIONS: readonly { CODE: string; NAME: string }[] = [
  { CODE: 'MAIN', NAME: 'Shop floor' },
  { CODE: 'BACK', NAME: 'Back room' },
  { CODE: 'REPAIR', NAME: 'Returns and repairs' },
];
