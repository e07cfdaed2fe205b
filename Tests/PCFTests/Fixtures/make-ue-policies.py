# Regenerates ue-policies.xls, the legacy Excel (BIFF8) import fixture of TransferTests:
#   python3 -m pip install xlwt && python3 make-ue-policies.py
import xlwt

book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("ueInfo")
rows = [
    ["imsi", "msisdn", "rfsp", "sar", "pccRules", "sessRules", "uePolicy", "qosAudio", "qosVideo", "hdrEnrich"],
    ["460990100000101", "86755900101", 1, "def_sar", "internet|ims_sig", "internet", "uep_001", "qos_audio", "qos_video", "dnn"],
    ["460990100000102", "86755900102", 2, "", "internet", "", "", "", "", ""],
]
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        if value != "":
            sheet.write(r, c, value)
book.save("ue-policies.xls")
