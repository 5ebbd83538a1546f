<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>BackupStatusLabel</name>
    <message numerus="yes">
        <source>No backup for %n day(s) — File › Back up now</source>
        <translation>
            <numerusform>No backup for %n day — File › Back up now</numerusform>
            <numerusform>No backup for %n days — File › Back up now</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message numerus="yes">
        <source>Only {0} of %n visit(s) fit in the next year.</source>
        <translation>
            <numerusform>Only {0} of %n visit fit in the next year.</numerusform>
            <numerusform>Only {0} of %n visits fit in the next year.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s) proposed. Change any of them, then book.</source>
        <translation>
            <numerusform>%n visit proposed. Change it, then book.</numerusform>
            <numerusform>%n visits proposed. Change any of them, then book.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PatientHeader</name>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n year</numerusform>
            <numerusform>%n years</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PatientListView</name>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation>
            <numerusform>%n patient</numerusform>
            <numerusform>%n patients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln patient(s)</source>
        <translation>
            <numerusform>%Ln patient</numerusform>
            <numerusform>%Ln patients</numerusform>
        </translation>
    </message>
</context>
</TS>
