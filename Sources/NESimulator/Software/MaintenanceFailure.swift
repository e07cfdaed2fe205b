/// A step of software or configuration maintenance that a simulated NE can be told to fail, through
/// the control API (`PUT /control/ne/{type}/{id}/maintenance`), to test how the OMC copes.
public enum MaintenanceFailure: String, Sendable, CaseIterable {
    /// Refuses a package sent to it ("no space left").
    case distribute
    /// Refuses to activate a package it holds; nothing restarts.
    case activate
    /// Accepts the activation, restarts, and comes back still running the old version.
    case boot
    /// Refuses a rollback.
    case rollback
    /// Refuses to export its configuration.
    case backup
    /// Refuses a configuration restore; nothing changes.
    case restore
}
