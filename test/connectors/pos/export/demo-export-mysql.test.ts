/**
 * The demo profile's export on a real MariaDB server: the built-in demo's SQL (INSERT …
 * RETURNING, CAST AS VARCHAR, scalar sub-selects) declared for 'mysql', over the demo tables
 * written in MariaDB's DDL. MariaDB-only: MySQL has no RETURNING (PROFILES.md, "Generated ids and
 * counters on MariaDB / MySQL").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExportStatements } from '../../../../connectors/pos/export-check';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';
import { createTestMariadbDatabase, type TestMariadbDatabase } from '../../../helpers/mariadb';
import { demoExportScenarios, type DemoExportEnv } from './demo-export-scenarios';

const SCHEMA = [
  'CREATE TABLE LOCATIONS (CODE VARCHAR(10) NOT NULL PRIMARY KEY, NAME VARCHAR(60) NOT NULL) ENGINE=InnoDB',
  `CREATE TABLE ITEMS (ID INT NOT NULL PRIMARY KEY, SKU VARCHAR(60), NAME VARCHAR(200), DESCRIPTION VARCHAR(2000),
    CATEGORY VARCHAR(60), WEIGHT DECIMAL(9,3), BARCODE VARCHAR(20), PRICE1 DECIMAL(15,2), PRICE2 DECIMAL(15,2),
    PROMO_FROM DATE, PROMO_TO DATE, PRICE3 DECIMAL(15,2), WEB SMALLINT NOT NULL DEFAULT 0, PARENT_ID INT,
    SIZE_NAME VARCHAR(20), COLOUR_NAME VARCHAR(30), CHANGED_AT DATETIME(3) NOT NULL) ENGINE=InnoDB`,
  `CREATE TABLE STOCK (ITEM_ID INT NOT NULL, LOCATION VARCHAR(10) NOT NULL, QTY INT NOT NULL, CHANGED_AT DATETIME(3) NOT NULL,
    PRIMARY KEY (ITEM_ID, LOCATION)) ENGINE=InnoDB`,
  `CREATE TABLE CUSTOMERS (ID INT NOT NULL AUTO_INCREMENT PRIMARY KEY, ACCOUNT VARCHAR(20) UNIQUE, EMAIL VARCHAR(200),
    FIRST_NAME VARCHAR(60), LAST_NAME VARCHAR(60), COMPANY VARCHAR(100), ADDRESS1 VARCHAR(100), ADDRESS2 VARCHAR(100),
    CITY VARCHAR(60), POSTCODE VARCHAR(20), COUNTRY VARCHAR(2), PHONE VARCHAR(30), CHANGED_AT DATETIME(3) NOT NULL) ENGINE=InnoDB`,
  `CREATE TABLE INVOICES (ID INT NOT NULL AUTO_INCREMENT PRIMARY KEY, INVOICE_NO INT NOT NULL UNIQUE, EXTERNAL_REF VARCHAR(40) UNIQUE,
    CUSTOMER_ID INT NOT NULL, LOCATION VARCHAR(10) NOT NULL, INVOICE_DATE DATETIME(3) NOT NULL, PAYMENT_METHOD VARCHAR(100),
    SUBTOTAL DECIMAL(15,2) NOT NULL, DISCOUNT DECIMAL(15,2) NOT NULL, SHIPPING DECIMAL(15,2) NOT NULL, FEES DECIMAL(15,2) NOT NULL,
    TAX DECIMAL(15,2) NOT NULL, TOTAL DECIMAL(15,2) NOT NULL, NOTE VARCHAR(1000), CREATED_AT DATETIME(3) NOT NULL,
    FOREIGN KEY (CUSTOMER_ID) REFERENCES CUSTOMERS (ID)) ENGINE=InnoDB`,
  `CREATE TABLE INVOICE_LINES (INVOICE_ID INT NOT NULL, LINE_NO SMALLINT NOT NULL, ITEM_ID INT NOT NULL, SKU VARCHAR(60) NOT NULL,
    DESCRIPTION VARCHAR(200), QTY INT NOT NULL, UNIT_PRICE DECIMAL(15,4) NOT NULL, DISCOUNT DECIMAL(15,4) NOT NULL,
    LINE_TOTAL DECIMAL(15,4) NOT NULL, TAX DECIMAL(15,4) NOT NULL, PRIMARY KEY (INVOICE_ID, LINE_NO),
    FOREIGN KEY (INVOICE_ID) REFERENCES INVOICES (ID)) ENGINE=InnoDB`,
];

describe('demo profile export on MariaDB (same profile SQL, MariaDB tables)', () => {
  let db: TestMariadbDatabase;
  let env: DemoExportEnv;

  beforeAll(async () => {
    db = await createTestMariadbDatabase('demo_export', SCHEMA);
    env = { till: db.driver(), driver: () => db.driver({ lockTimeoutSeconds: 1 }), profile: () => ({ ...builtInProfile('demo'), engines: ['mysql'] }) };
  });

  afterAll(async () => { await db?.drop(); });

  demoExportScenarios(() => env);

  it('the export check prepares every statement and finds every captured column, RETURNING ones included', async () => {
    const { problems, count } = await checkExportStatements(env.profile!(), db.driver());
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(5);
  });
});
