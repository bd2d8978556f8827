-- The engine-only floor of a kiosk bootstrap at the issue's size (docs/performance.md, "The floor").
-- Run: rm -f /tmp/floor.db && sqlite3 /tmp/floor.db < scripts/bench/sqlite-bootstrap-floor.sql
-- No Swift, no JSON, no crypto, no network: random UUID-like keys, ~250-byte payloads,
-- journal off, secondary indexes built once at the end; the best case of today's layout.
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;
CREATE TABLE donors (row INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, id_blind BLOB NOT NULL, id_number BLOB NOT NULL, document_type TEXT NOT NULL, name TEXT NOT NULL, sex TEXT NOT NULL, birth_date TEXT NOT NULL, phone_blind BLOB, phone BLOB, blood_type TEXT, merged_into INTEGER, origin TEXT NOT NULL);
CREATE TABLE donations (row INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, donor INTEGER NOT NULL, date TEXT NOT NULL, kind TEXT NOT NULL, volume_ml INTEGER, doses INTEGER, outcome TEXT NOT NULL, region TEXT, reaction TEXT, bag_number TEXT, voided INTEGER NOT NULL DEFAULT 0, origin TEXT NOT NULL);
CREATE TABLE events (row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, hlc TEXT NOT NULL, author TEXT NOT NULL, device TEXT NOT NULL, donor TEXT, sealed INTEGER NOT NULL, payload BLOB NOT NULL, house TEXT);
.timer on
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 1000000)
INSERT INTO donors (uid,id_blind,id_number,document_type,name,sex,birth_date,phone_blind,phone,blood_type,origin)
SELECT lower(hex(randomblob(16))), randomblob(32), randomblob(46), 'resident_id', 'Name'||i, 'male', '1990-01-01', randomblob(32), randomblob(39), 'A+', 'kiosk' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 3000000)
INSERT INTO donations (uid,donor,date,kind,volume_ml,outcome,bag_number,origin)
SELECT lower(hex(randomblob(16))), 1 + (i % 1000000), '2024-01-01', 'whole_blood', 400, 'complete', 'B'||i, 'kiosk' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 4000000)
INSERT INTO events (id,kind,hlc,author,device,donor,sealed,payload,house)
SELECT lower(hex(randomblob(16))), 'donation.recorded', '2024-01-01T00:00:00.000Z-0000-abcdef', 'registry', 'registry-loader', lower(hex(randomblob(16))), 0, randomblob(250), 'registry' FROM n;
COMMIT;
CREATE INDEX donors_by_id_blind ON donors(id_blind);
CREATE INDEX donors_by_phone_blind ON donors(phone_blind) WHERE phone_blind IS NOT NULL;
CREATE INDEX donors_by_name ON donors(name, birth_date);
CREATE INDEX donations_by_donor ON donations(donor, date);
CREATE UNIQUE INDEX donations_by_bag ON donations(bag_number) WHERE bag_number IS NOT NULL;
CREATE INDEX events_by_donor ON events(donor, hlc);
