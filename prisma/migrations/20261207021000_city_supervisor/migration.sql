-- The city's civil-affairs supervisor (市级民政主管): a complaint about county staff is the
-- city's to answer, not the county's (the county would judge itself).
ALTER TYPE "Role" ADD VALUE 'CITY_SUPERVISOR' AFTER 'COUNTY_SUPERVISOR';
