using System.Globalization;
using System.Text;
using System.Xml;
using ProgressFunctions.Core.Imports.Ctf;
using ProgressFunctions.Core.Progress;
using ProgressFunctions.Core.Schools;

namespace ProgressFunctions.Synthetic;

/// <summary>Writes a synthetic school as a Common Transfer File (the subset <see cref="CtfReader"/> reads).</summary>
/// <remarks>
/// Per-session marks go in <c>AttendMarks</c>: two characters per calendar day from <c>AttendStartDate</c> (AM, PM),
/// <c>-</c> where there is no session mark. School assessment results are written as <c>StageAssessment</c> with
/// <c>Method</c> INT and the scale in <c>ResultQualifier</c>. The export time is given by the caller: the generator reads no clock.
/// </remarks>
public static class CtfWriter
{
    public static void Write(SyntheticSchool school, Stream stream, DateTime exportedAt)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var xml = XmlWriter.Create(stream, settings);
        var profile = school.Profile;
        xml.WriteStartElement("CTfile");
        xml.WriteStartElement("Header");
        xml.WriteElementString("DocumentName", "Common Transfer File");
        xml.WriteElementString("CTFversion", CtfCodes.Version);
        xml.WriteElementString("DateTime", exportedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteElementString("DocumentQualifier", "partial");
        xml.WriteElementString("SupplierID", "ProgressFunctions synthetic school");
        xml.WriteStartElement("SourceSchool");
        xml.WriteElementString("LEA", profile.LocalAuthority);
        xml.WriteElementString("Estab", profile.Establishment);
        xml.WriteElementString("URN", profile.Urn);
        xml.WriteElementString("SchoolName", profile.Name);
        xml.WriteElementString("AcademicYear", school.Options.Year.StartYear.ToString(CultureInfo.InvariantCulture));
        xml.WriteEndElement();
        xml.WriteStartElement("DestSchool");
        xml.WriteElementString("LEA", "MMM");
        xml.WriteElementString("Estab", "MMMM");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("CTFpupilData");
        var linksOf = school.ContactLinks.ToLookup(l => l.PupilId);
        var contacts = school.Contacts.ToDictionary(c => c.Id);
        var resultsOf = school.Assessments.ToLookup(a => a.PupilId);
        foreach (var pupil in school.Pupils)
        {
            xml.WriteStartElement("Pupil");
            xml.WriteElementString("UPN", pupil.Upn);
            WriteBasicDetails(xml, pupil);
            WriteContacts(xml, linksOf[pupil.Id], contacts);
            WriteAttendance(xml, school, pupil);
            WriteAssessments(xml, resultsOf[pupil.Id], pupil.YearGroup);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteBasicDetails(XmlWriter xml, Pupil pupil)
    {
        xml.WriteStartElement("BasicDetails");
        xml.WriteElementString("Surname", pupil.LegalSurname);
        xml.WriteElementString("Forename", pupil.LegalForename);
        if (pupil.PreferredForename is { } preferred)
        {
            xml.WriteElementString("PreferredForename", preferred);
        }

        xml.WriteElementString("DOB", Date(pupil.DateOfBirth!.Value));
        xml.WriteElementString("Gender", pupil.Gender);
        xml.WriteElementString("NCyearActual", pupil.YearGroup == 0 ? "R" : pupil.YearGroup.ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("FirstLanguage", pupil.EnglishAdditionalLanguage ? "POL" : "ENG");
        xml.WriteEndElement();
        if (pupil.LookedAfter)
        {
            xml.WriteStartElement("LookedAfter");
            xml.WriteElementString("InCare", "true");
            xml.WriteEndElement();
        }

        if (pupil.FreeSchoolMeals)
        {
            xml.WriteStartElement("FSMhistory");
            xml.WriteStartElement("FSMinstance");
            xml.WriteElementString("FSMstartDate", Date(pupil.AdmissionDate ?? pupil.DateOfBirth!.Value));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        if (pupil.Sen != SenStatus.None)
        {
            xml.WriteStartElement("SENhistory");
            xml.WriteStartElement("SEN");
            xml.WriteElementString("StartDate", Date(pupil.AdmissionDate ?? pupil.DateOfBirth!.Value));
            xml.WriteElementString("SENprovision", pupil.Sen == SenStatus.Ehcp ? "E" : "K");
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
    }

    private static void WriteContacts(XmlWriter xml, IEnumerable<ContactLink> links, Dictionary<string, Contact> contacts)
    {
        xml.WriteStartElement("Contacts");
        foreach (var link in links)
        {
            var contact = contacts[link.ContactId];
            xml.WriteStartElement("Contact");
            xml.WriteElementString("Order", link.Priority.ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("Title", contact.Title);
            xml.WriteElementString("Surname", contact.Surname);
            xml.WriteElementString("Forename", contact.Forename);
            xml.WriteElementString("Relationship", CtfCodes.RelationshipCode(link.Relationship));
            xml.WriteElementString("Responsibility", link.ParentalResponsibility ? "true" : "false");
            if (contact.Phone is { } phone)
            {
                xml.WriteStartElement("Phones");
                xml.WriteStartElement("Phone");
                xml.WriteElementString("TelephoneType", "M");
                xml.WriteElementString("PhoneNo", phone);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            if (contact.Email is { } email)
            {
                xml.WriteElementString("Email", email);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteAttendance(XmlWriter xml, SyntheticSchool school, Pupil pupil)
    {
        var start = school.Calendar.DayAt(0);
        var days = school.Options.AsOf.DayNumber - start.DayNumber + 1;
        var marks = new char[Math.Max(days, 0) * 2];
        Array.Fill(marks, CtfCodes.NoMark);
        var totals = new int[5];
        foreach (var mark in school.MarksOf(pupil))
        {
            // Two-character codes (C1, J1, Y1...) do not fit one character; the generator does not emit them.
            marks[((mark.Date.DayNumber - start.DayNumber) * 2) + (int)mark.Session] = mark.Code.Code[0];
            totals[(int)mark.Code.Category]++;
        }

        xml.WriteStartElement("Attendance");
        xml.WriteStartElement("YearData");
        xml.WriteElementString("Year", school.Options.Year.StartYear.ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("SessionsPossible", Num(totals[0] + totals[1] + totals[2] + totals[3]));
        xml.WriteElementString("SessionsAttended", Num(totals[0] + totals[1]));
        xml.WriteElementString("SessionsAuthorised", Num(totals[2]));
        xml.WriteElementString("SessionsUnauthorised", Num(totals[3]));
        xml.WriteElementString("AttendStartDate", Date(start));
        xml.WriteElementString("AttendMarks", new string(marks));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteAssessments(XmlWriter xml, IEnumerable<AssessmentResult> results, int yearGroup)
    {
        xml.WriteStartElement("StageAssessments");
        xml.WriteStartElement("KeyStage");
        xml.WriteElementString("Stage", yearGroup switch { <= 2 => "KS1", <= 6 => "KS2", <= 9 => "KS3", _ => "KS4" });
        foreach (var result in results)
        {
            xml.WriteStartElement("StageAssessment");
            xml.WriteElementString("Locale", "ENG");
            xml.WriteElementString("Year", result.Date.Year.ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("Subject", result.Subject);
            xml.WriteElementString("Method", CtfCodes.InternalMethod);
            xml.WriteElementString("Component", result.Point);
            xml.WriteElementString("ResultQualifier", result.Scale);
            xml.WriteElementString("Result", result.Grade);
            xml.WriteElementString("ResultDate", Date(result.Date));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
