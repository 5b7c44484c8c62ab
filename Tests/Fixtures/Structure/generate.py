#!/usr/bin/env python3
"""Writes the structure fixtures: made-up opinions laid out the way PDF-to-text dumps of four
kinds of courts look (a Supreme Court slip opinion, a federal per curiam, a state supreme court
opinion, a circuit opinion with a partial concurrence and dissent). Pages carry running headers
and page numbers; footnotes sit at page bottoms in wider type, numbered afresh in each opinion.
Run it from this folder after changing the texts: python3 generate.py"""
import textwrap

BODY, NOTE, LINES = 62, 70, 20


class Pages:
    def __init__(self, header):
        self.header = header  # page number -> header line, or None
        self.pages, self.lines, self.notes, self.number = [], [], [], 1

    def emit(self, line):
        if len(self.lines) + len(self.notes) >= LINES:
            self.flush()
        self.lines.append(line)

    def text(self, paragraph, indent=4, width=BODY, first_indent=None):
        wrapped = textwrap.wrap(paragraph, width)
        for i, line in enumerate(wrapped):
            pad = indent if i or first_indent is None else first_indent
            self.emit(" " * pad + line)

    def raw(self, line):
        self.emit(line)

    def note(self, label, text):
        lines = textwrap.wrap(f"{label} {text}", NOTE)
        self.notes.extend("    " + line for line in lines)

    def flush(self):
        header = self.header(self.number)
        page = ([header] if header else []) + self.lines
        if self.notes:
            page += [""] + self.notes
        self.pages.append("\n".join(page))
        self.lines, self.notes = [], []
        self.number += 1

    def finish(self):
        if self.lines or self.notes:
            self.flush()
        return "\n".join(self.pages) + "\n"


def scotus():
    names = {1: None}
    def header(n):
        if n == 1:
            return "    (Slip Opinion)              OCTOBER TERM, 2023                               1"
        if n % 2 == 0:
            return f"    {n}                 HARLOW v. PENNFIELD TOWNSHIP"
        return f"                        Cite as: 601 U. S. ____ (2024)                    {n}"
    p = Pages(header)
    p.raw("                                    Syllabus")
    p.text("NOTE: Where it is feasible, a syllabus (headnote) will be released, as is being done in connection with this case, at the time the opinion is issued. The syllabus constitutes no part of the opinion of the Court.")
    p.raw("")
    p.raw("    SUPREME COURT OF THE UNITED STATES")
    p.raw("")
    p.raw("                HARLOW v. PENNFIELD TOWNSHIP, OHIO")
    p.raw("")
    p.raw("    CERTIORARI TO THE UNITED STATES COURT OF APPEALS FOR")
    p.raw("                         THE SIXTH CIRCUIT")
    p.raw("")
    p.raw("        No. 22–1234. Argued January 9, 2024—Decided May 30, 2024")
    p.raw("")
    p.text("Petitioner Dana Harlow owned a small orchard that the township rezoned for industrial use. She sued under the Takings Clause, arguing that the rezoning left her land without economically viable use. The District Court dismissed the complaint, and the Court of Appeals affirmed.")
    p.text("Held: A regulation that leaves land with some residual value may still effect a taking when the owner's reasonable investment-backed expectations are frustrated. Pp. 3–9.")
    p.text("HALVORSEN, J., delivered the opinion of the Court, in which PRATT, CHO, and ABARA, JJ., joined. CHO, J., filed a concurring opinion. LINDQVIST, J., filed a dissenting opinion.")
    p.flush()
    p.raw("")
    p.raw("    NOTICE: This opinion is subject to formal revision before publication in the")
    p.raw("    United States Reports.")
    p.raw("    SUPREME COURT OF THE UNITED STATES")
    p.raw("                         _________________")
    p.raw("                            No. 22–1234")
    p.raw("                         _________________")
    p.raw("        DANA HARLOW, PETITIONER v. PENNFIELD TOWNSHIP, OHIO")
    p.raw("    ON WRIT OF CERTIORARI TO THE UNITED STATES COURT OF")
    p.raw("                  APPEALS FOR THE SIXTH CIRCUIT")
    p.raw("                          [May 30, 2024]")
    p.raw("")
    p.text("JUSTICE HALVORSEN delivered the opinion of the Court.", first_indent=6)
    body = [
        "The Takings Clause of the Fifth Amendment provides that private property shall not be taken for public use without just compensation. This case asks whether a zoning change that leaves an owner's land with some residual value can nonetheless effect a taking.1",
        "Dana Harlow bought twelve acres in Pennfield Township in 2009 and planted an apple orchard. In 2019 the township rezoned the parcel for light industry and barred agricultural use. Harlow sued, and the lower courts held that because the land could still be sold to an industrial buyer, no taking had occurred.",
        "We granted certiorari to resolve a disagreement among the Courts of Appeals about how the investment-backed expectations of an owner bear on that question.2 We now reverse.",
        "Our cases have long recognized that the inquiry is an ad hoc one that looks to the economic impact of the regulation, its interference with reasonable expectations, and the character of the government action. None of these factors alone is dispositive, and the residual value of the land is only one part of the first.",
        "The Court of Appeals treated residual value as the end of the analysis. That was error. An owner who invested for years in a lawful use may suffer a taking even though a buyer could be found for some other use.",
        "The judgment of the Court of Appeals is reversed, and the case is remanded for further proceedings consistent with this opinion.",
        "It is so ordered.",
    ]
    for paragraph in body:
        p.text(paragraph, first_indent=6)
        if paragraph.endswith("taking.1"):
            p.note("1", "The Takings Clause applies to the States through the Fourteenth Amendment. See Chicago, B. & Q. R. Co. v. Chicago, 166 U. S. 226 (1897).")
        if paragraph.startswith("We granted"):
            p.note("2", "Compare the decisions of the Sixth and Ninth Circuits with those of the Second and Fourth Circuits.")
    p.flush()
    p.text("JUSTICE CHO, concurring.", first_indent=6)
    p.text("I join the opinion of the Court in full. I write separately to note that nothing in today's decision disturbs the settled rule that a mere diminution in value does not by itself establish a taking.1", first_indent=6)
    p.note("1", "The petitioner does not argue otherwise, and the Court's opinion says as much.")
    p.text("With that understanding, I concur.", first_indent=6)
    p.flush()
    p.text("JUSTICE LINDQVIST, with whom JUSTICE ABARA joins as to Part I, dissenting.", first_indent=6)
    p.text("The Court today expands a doctrine that has never been easy to apply. Because the township's ordinance left the petitioner with land she could sell at a substantial price, I would affirm.1", first_indent=6)
    p.note("1", "The record shows an offer from an industrial buyer at roughly half the price the petitioner paid.")
    p.text("The investment-backed expectations factor has always been read in light of the regulatory climate in which the owner bought. Zoning changes are a familiar risk of land ownership.2", first_indent=6)
    p.note("2", "The township had rezoned neighboring parcels twice before the petitioner's purchase.")
    p.text("I respectfully dissent.", first_indent=6)
    return p.finish()


def per_curiam():
    def header(n):
        return None if n == 1 else f"    {n}            BELLAMY v. ORTIZ-WEBB"
    p = Pages(header)
    for line in [
        "                    United States Court of Appeals",
        "                        for the Tenth Circuit",
        "    ____________________",
        "    No. 23-4411",
        "    MARCUS BELLAMY,",
        "                         Petitioner-Appellant,",
        "    v.",
        "    RENATA ORTIZ-WEBB, Warden,",
        "                         Respondent-Appellee.",
        "    ____________________",
        "    Appeal from the United States District Court for the",
        "    District of Utah.",
        "    No. 2:21-cv-00871 — Harold Vance, Judge.",
        "    ____________________",
        "    SUBMITTED MARCH 4, 2024 — DECIDED APRIL 22, 2024",
        "    ____________________",
        "    Before MORROW, OKAFOR, and RIOS, Circuit Judges.",
        "    PER CURIAM. Marcus Bellamy, a state prisoner, appeals the",
    ]:
        p.raw(line)
    for paragraph in [
        "denial of his petition for a writ of habeas corpus. He argues that his trial counsel was ineffective for failing to call an alibi witness. The district court held that the state court's rejection of this claim was not an unreasonable application of clearly established federal law.",
        "We agree. The state court found that counsel interviewed the witness and reasonably concluded that her account would not hold up under cross-examination. That finding is entitled to deference, and Bellamy has not rebutted it by clear and convincing evidence.",
        "Bellamy also argues that the district court should have held an evidentiary hearing. Because the claim fails on the state-court record, no hearing was required.",
        "AFFIRMED.",
    ]:
        p.text(paragraph)
    return p.finish()


def state_court():
    def header(n):
        return None  # a short state opinion without running headers
    p = Pages(header)
    for line in [
        "          IN THE SUPREME COURT OF THE STATE OF WASHINGTON",
        "",
        "    STATE OF WASHINGTON,",
        "                          Respondent,",
        "              v.",
        "    TOBIAS KEENE,",
        "                          Petitioner.",
        "",
        "    No. 99871-3",
        "    En Banc",
        "    Filed: June 6, 2024",
        "",
    ]:
        p.raw(line)
    p.text("Justice Abara delivered the opinion of the court.", first_indent=6)
    for paragraph in [
        "Tobias Keene was convicted of second degree burglary after a jury trial. He contends that the trial court violated his right to a public trial by questioning two jurors in chambers without first weighing the factors this court has required. We agree and reverse.",
        "The public trial right is guaranteed by both the state and federal constitutions. As we have explained:",
        "QUOTE",
        "Here the record shows no such inquiry. The State argues that the questioning was brief and concerned only hardship excuses, but the rule admits no exception for brevity.",
        "We reverse the Court of Appeals and remand for a new trial.",
    ]:
        if paragraph == "QUOTE":
            p.text("A court may close any part of a trial only after it identifies the interest that closure serves, considers alternatives, and enters findings that justify the closure on the record. A closure without that inquiry is error that requires a new trial. State v. Orrin, 112 Wn.2d 34, 36 (1995).", indent=12, width=50)
            continue
        p.text(paragraph, first_indent=6)
    p.text("Chief Justice Lindqvist, dissenting.", first_indent=6)
    for paragraph in [
        "The majority treats a short conversation about juror hardship as though it were the closure of a trial. Our cases do not require that result, and I would hold that no closure occurred.",
        "I respectfully dissent.",
    ]:
        p.text(paragraph, first_indent=6)
    return p.finish()


def partial_dissent():
    def header(n):
        if n == 1:
            return None
        return f"    {n}                                     No. 22-3107" if n % 2 == 0 else f"    No. 22-3107                                     {n}"
    p = Pages(header)
    for line in [
        "                                In the",
        "    United States Court of Appeals",
        "                 For the Eighth Circuit",
        "    ____________________",
        "    No. 22-3107",
        "    NORTHFIELD GRAIN COOPERATIVE,",
        "                                  Plaintiff-Appellant,",
        "                                    v.",
        "    ACME RAIL LINES, INC.,",
        "                                  Defendant-Appellee.",
        "    ____________________",
        "    Appeal from the United States District Court for the",
        "    District of Minnesota.",
        "    No. 0:20-cv-01555 — Claire Osei, Judge.",
        "    ____________________",
        "    ARGUED SEPTEMBER 12, 2023 — DECIDED FEBRUARY 2, 2024",
        "    ____________________",
        "    Before OKAFOR, Chief Judge, and HALE and RIOS, Circuit",
        "    Judges.",
        "    HALE, Circuit Judge. Northfield Grain Cooperative shipped",
    ]:
        p.raw(line)
    for paragraph in [
        "grain over Acme's lines for a decade under a contract that capped storage charges. When Acme raised those charges, Northfield sued for breach of contract and for a declaration that the cap still applied.",
        "I.",
        "The district court granted summary judgment to Acme on both claims. It held that the contract had expired and that the parties' later course of dealing did not revive the cap.",
        "II.",
        "We review a grant of summary judgment de novo. The contract's term ran through 2019, and nothing in the record suggests a written renewal. But a jury could find that the parties' conduct after 2019 showed an agreement to continue on the same terms.",
        "Northfield first argues that the district court misread the contract's renewal clause. The clause provided that the agreement would continue from year to year unless either party gave written notice of termination ninety days before the end of a term. Acme gave such notice in 2019, and Northfield does not dispute that it received it.",
        "Northfield next argues that Acme waived the notice by continuing to accept grain at the capped rate for two more years. Waiver requires an intentional relinquishment of a known right, and the record shows that Acme's billing department simply failed to update its rates. That is not waiver.",
        "The declaratory claim stands differently. Northfield asked the court to declare the rights of the parties for the period after the notice took effect. On that question the parties' conduct is the only evidence, and it points both ways. Acme kept charging the capped rate, sent invoices that referred to the old contract, and told Northfield in a letter that the terms were unchanged. A reasonable jury could find an implied agreement on those facts.",
        "Acme responds that the letter was sent by an employee without authority to bind the company. Apparent authority is itself a question of fact, and the district court did not address it. We leave it for remand.",
        "For these reasons, we AFFIRM the judgment on the breach claim, REVERSE the judgment on the declaratory claim, and REMAND for further proceedings.",
    ]:
        if paragraph in ("I.", "II."):
            p.raw("    " + paragraph)
        else:
            p.text(paragraph)
    p.text("RIOS, Circuit Judge, concurring in part and dissenting in part. I agree that the contract expired, but I would affirm in full because the course of dealing shows no more than an acceptance of invoices.")
    for paragraph in [
        "The invoices on which the majority relies were generated by software that no one at Acme had updated since the contract was signed. An invoice that repeats an old price by mistake is not an offer to be bound to that price for years to come, and no one at Northfield could reasonably have read it as one.",
        "Nor does the letter carry the weight the majority gives it. It was written by a clerk in response to a question about delivery schedules, and its one sentence about terms said only that nothing had changed in how the railroad handled grain cars. Read in context, it says nothing about storage charges at all.",
        "Contract law does not ordinarily revive an expired agreement on evidence this thin. The district court was right to hold that no reasonable jury could find an implied renewal of the storage cap, and I would affirm its judgment on both claims.",
        "I therefore join Part I and dissent from Part II.",
    ]:
        p.text(paragraph)
    return p.finish()


FIXTURES = {
    "slip-opinion.txt": scotus,
    "per-curiam.txt": per_curiam,
    "state-supreme-court.txt": state_court,
    "partial-dissent.txt": partial_dissent,
}

if __name__ == "__main__":
    for name, make in FIXTURES.items():
        with open(name, "w", encoding="utf-8") as handle:
            handle.write(make())
