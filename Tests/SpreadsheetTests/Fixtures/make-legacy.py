# Regenerates legacy.xls, the BIFF8 (.xls) fixture of SpreadsheetReaderTests:
#   python3 -m pip install xlwt && python3 make-legacy.py
import xlwt

book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("Policies")
rows = [
    ["imsi", "policy", "weight", "note"],
    ["460001234567890", "gold", 10, "Zürich 北京"],
    ["460001234567891", "", 2.5, ""],
    ["460001234567892", "silver", None, "last"],
]
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        if value is not None and value != "":
            sheet.write(r, c, value)
book.add_sheet("Second").write(0, 0, "not read")
book.save("legacy.xls")
