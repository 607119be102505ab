// fault.cc: hvt's exception diagnostics, worded by the shared common/fault_text.
#include "fault.h"

#include "common/fault_text.h"

namespace tenor::hvt {

std::string exception_name(unsigned vector) {
    if (const char* name = exception_name_or_null(vector))
        return name;
    return "exception " + std::to_string(vector);
}

std::string describe_trap(const TrapInfo& trap, const Layout& layout) {
    FaultReport report;
    report.vector = trap.vector;
    report.error_code = trap.error_code;
    report.rip = trap.rip;
    report.access = page_fault_access(trap.error_code);
    report.cause = page_fault_cause(trap.error_code);
    report.address = trap.cr2;
    report.guard_page = layout.guard_page();
    char text[256];
    describe_fault(report, text, sizeof text);
    return text;
}

}  // namespace tenor::hvt
